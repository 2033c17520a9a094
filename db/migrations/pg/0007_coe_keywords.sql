CREATE TABLE "coe_keywords" (
	"coe_id" integer NOT NULL,
	"term" text NOT NULL,
	"weight" integer NOT NULL,
	CONSTRAINT "coe_keywords_coe_id_term_pk" PRIMARY KEY("coe_id","term")
);
--> statement-breakpoint
ALTER TABLE "coe_keywords" ADD CONSTRAINT "coe_keywords_coe_id_coes_id_fk" FOREIGN KEY ("coe_id") REFERENCES "public"."coes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coe_keywords_term_idx" ON "coe_keywords" USING btree ("term");