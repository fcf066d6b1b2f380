CREATE TABLE "bulk_job_secrets" (
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"device_id" uuid NOT NULL,
	"values" jsonb NOT NULL,
	CONSTRAINT "bulk_job_secrets_job_id_row_number_pk" PRIMARY KEY("job_id","row_number")
);
--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "secrets_for" text;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "generated_secrets" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "secrets_downloaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bulk_job_secrets" ADD CONSTRAINT "bulk_job_secrets_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_job_secrets" ADD CONSTRAINT "bulk_job_secrets_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;