-- Lessons and dependency notes become rich text (TipTap JSON), like the detection answers (0003).
-- Existing plain text becomes one paragraph; blank notes become NULL; documents stay as they are.
-- It also converts detection answers that 0003 left alone: JSON objects that are not documents
-- (0003's test of "is a document" came out NULL for them).
UPDATE `lessons` SET `text` = json_object('type', 'doc', 'content', json_array(json_object('type', 'paragraph', 'content', json_array(json_object('type', 'text', 'text', `text`))))) WHERE NOT (CASE WHEN json_valid(`text`) THEN coalesce(json_type(`text`) = 'object' AND json_extract(`text`, '$.type') = 'doc', 0) ELSE 0 END);
--> statement-breakpoint
UPDATE `dependencies` SET `notes` = NULL WHERE `notes` IS NOT NULL AND trim(`notes`) = '';
--> statement-breakpoint
UPDATE `dependencies` SET `notes` = json_object('type', 'doc', 'content', json_array(json_object('type', 'paragraph', 'content', json_array(json_object('type', 'text', 'text', `notes`))))) WHERE `notes` IS NOT NULL AND NOT (CASE WHEN json_valid(`notes`) THEN coalesce(json_type(`notes`) = 'object' AND json_extract(`notes`, '$.type') = 'doc', 0) ELSE 0 END);
--> statement-breakpoint
UPDATE `coes` SET `detection_fast_enough` = json_object('type', 'doc', 'content', json_array(json_object('type', 'paragraph', 'content', json_array(json_object('type', 'text', 'text', `detection_fast_enough`))))) WHERE `detection_fast_enough` IS NOT NULL AND NOT (CASE WHEN json_valid(`detection_fast_enough`) THEN coalesce(json_type(`detection_fast_enough`) = 'object' AND json_extract(`detection_fast_enough`, '$.type') = 'doc', 0) ELSE 0 END);
--> statement-breakpoint
UPDATE `coes` SET `detection_metrics_reflected_customers` = json_object('type', 'doc', 'content', json_array(json_object('type', 'paragraph', 'content', json_array(json_object('type', 'text', 'text', `detection_metrics_reflected_customers`))))) WHERE `detection_metrics_reflected_customers` IS NOT NULL AND NOT (CASE WHEN json_valid(`detection_metrics_reflected_customers`) THEN coalesce(json_type(`detection_metrics_reflected_customers`) = 'object' AND json_extract(`detection_metrics_reflected_customers`, '$.type') = 'doc', 0) ELSE 0 END);
--> statement-breakpoint
UPDATE `coes` SET `detection_similar_events_detectable` = json_object('type', 'doc', 'content', json_array(json_object('type', 'paragraph', 'content', json_array(json_object('type', 'text', 'text', `detection_similar_events_detectable`))))) WHERE `detection_similar_events_detectable` IS NOT NULL AND NOT (CASE WHEN json_valid(`detection_similar_events_detectable`) THEN coalesce(json_type(`detection_similar_events_detectable`) = 'object' AND json_extract(`detection_similar_events_detectable`, '$.type') = 'doc', 0) ELSE 0 END);
