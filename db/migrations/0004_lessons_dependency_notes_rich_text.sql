-- Lessons and dependency notes become rich text (TipTap JSON), like the detection answers (0003).
-- Existing plain text becomes one paragraph; blank notes become NULL; documents stay as they are.
UPDATE `lessons` SET `text` = json_object('type', 'doc', 'content', json_array(json_object('type', 'paragraph', 'content', json_array(json_object('type', 'text', 'text', `text`))))) WHERE NOT (CASE WHEN json_valid(`text`) THEN (json_type(`text`) = 'object' AND json_extract(`text`, '$.type') = 'doc') ELSE 0 END);
--> statement-breakpoint
UPDATE `dependencies` SET `notes` = NULL WHERE `notes` IS NOT NULL AND trim(`notes`) = '';
--> statement-breakpoint
UPDATE `dependencies` SET `notes` = json_object('type', 'doc', 'content', json_array(json_object('type', 'paragraph', 'content', json_array(json_object('type', 'text', 'text', `notes`))))) WHERE `notes` IS NOT NULL AND NOT (CASE WHEN json_valid(`notes`) THEN (json_type(`notes`) = 'object' AND json_extract(`notes`, '$.type') = 'doc') ELSE 0 END);
