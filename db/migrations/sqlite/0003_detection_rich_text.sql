-- The detection answers become rich text (TipTap JSON), like the impact summary.
-- Existing plain answers become one paragraph; blank ones become NULL; documents stay as they are.
UPDATE `coes` SET `detection_fast_enough` = NULL WHERE `detection_fast_enough` IS NOT NULL AND trim(`detection_fast_enough`) = '';
--> statement-breakpoint
UPDATE `coes` SET `detection_fast_enough` = json_object('type', 'doc', 'content', json_array(json_object('type', 'paragraph', 'content', json_array(json_object('type', 'text', 'text', `detection_fast_enough`))))) WHERE `detection_fast_enough` IS NOT NULL AND NOT (CASE WHEN json_valid(`detection_fast_enough`) THEN coalesce(json_type(`detection_fast_enough`) = 'object' AND json_extract(`detection_fast_enough`, '$.type') = 'doc', 0) ELSE 0 END);
--> statement-breakpoint
UPDATE `coes` SET `detection_metrics_reflected_customers` = NULL WHERE `detection_metrics_reflected_customers` IS NOT NULL AND trim(`detection_metrics_reflected_customers`) = '';
--> statement-breakpoint
UPDATE `coes` SET `detection_metrics_reflected_customers` = json_object('type', 'doc', 'content', json_array(json_object('type', 'paragraph', 'content', json_array(json_object('type', 'text', 'text', `detection_metrics_reflected_customers`))))) WHERE `detection_metrics_reflected_customers` IS NOT NULL AND NOT (CASE WHEN json_valid(`detection_metrics_reflected_customers`) THEN coalesce(json_type(`detection_metrics_reflected_customers`) = 'object' AND json_extract(`detection_metrics_reflected_customers`, '$.type') = 'doc', 0) ELSE 0 END);
--> statement-breakpoint
UPDATE `coes` SET `detection_similar_events_detectable` = NULL WHERE `detection_similar_events_detectable` IS NOT NULL AND trim(`detection_similar_events_detectable`) = '';
--> statement-breakpoint
UPDATE `coes` SET `detection_similar_events_detectable` = json_object('type', 'doc', 'content', json_array(json_object('type', 'paragraph', 'content', json_array(json_object('type', 'text', 'text', `detection_similar_events_detectable`))))) WHERE `detection_similar_events_detectable` IS NOT NULL AND NOT (CASE WHEN json_valid(`detection_similar_events_detectable`) THEN coalesce(json_type(`detection_similar_events_detectable`) = 'object' AND json_extract(`detection_similar_events_detectable`, '$.type') = 'doc', 0) ELSE 0 END);
