ALTER TABLE "destinations" ADD COLUMN "previous_shared_secret" text;--> statement-breakpoint
ALTER TABLE "destinations" ADD COLUMN "previous_secret_until" timestamp with time zone;