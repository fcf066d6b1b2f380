CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "sims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid,
	"iccid" text NOT NULL,
	"status" text NOT NULL,
	"communication_plan" text NOT NULL,
	"rate_plan" text NOT NULL,
	"imei" text,
	"device_id" uuid,
	"last_message_at" timestamp with time zone,
	"usage_bytes" bigint DEFAULT 0 NOT NULL,
	"usage_sms" integer DEFAULT 0 NOT NULL,
	"last_sync_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "simulated_carrier_sims" (
	"iccid" text PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"communication_plan" text NOT NULL,
	"rate_plan" text NOT NULL,
	"imei" text,
	"usage_bytes" bigint DEFAULT 0 NOT NULL,
	"usage_sms" integer DEFAULT 0 NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bindings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"urn" text NOT NULL,
	"password_hash" text,
	"status" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulk_job_rows" (
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"input" jsonb NOT NULL,
	"status" text NOT NULL,
	"device_id" uuid,
	"error" text,
	CONSTRAINT "bulk_job_rows_job_id_row_number_pk" PRIMARY KEY("job_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"created_by" uuid,
	"project_id" uuid NOT NULL,
	"flow_id" uuid,
	"device_type_id" text NOT NULL,
	"file_name" text NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer NOT NULL,
	"created_rows" integer DEFAULT 0 NOT NULL,
	"failed_rows" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_flows" (
	"flow_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "device_flows_flow_id_device_id_pk" PRIMARY KEY("flow_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "device_types" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" uuid,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"managed" boolean DEFAULT false NOT NULL,
	"network_types" text[] NOT NULL,
	"lora_provisioning" text,
	"battery" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"barcode" text,
	"device_type_id" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"processing_status" text NOT NULL,
	"network_type" text,
	"primary_identifier" text,
	"flow_count" integer DEFAULT 0 NOT NULL,
	"last_message_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_adapters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"network_type" text NOT NULL,
	"identifier" text NOT NULL,
	"app_eui" text,
	"app_key" text,
	"connectivity_plan_id" text,
	"network_status" text,
	"iccid" text,
	"shared_secret" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"table_name" text NOT NULL,
	"name" text NOT NULL,
	"state" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sims" ADD CONSTRAINT "sims_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sims" ADD CONSTRAINT "sims_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sims" ADD CONSTRAINT "sims_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bindings" ADD CONSTRAINT "bindings_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bindings" ADD CONSTRAINT "bindings_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_job_rows" ADD CONSTRAINT "bulk_job_rows_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_job_rows" ADD CONSTRAINT "bulk_job_rows_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_device_type_id_device_types_id_fk" FOREIGN KEY ("device_type_id") REFERENCES "public"."device_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_flows" ADD CONSTRAINT "device_flows_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_flows" ADD CONSTRAINT "device_flows_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_flows" ADD CONSTRAINT "device_flows_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_types" ADD CONSTRAINT "device_types_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_device_type_id_device_types_id_fk" FOREIGN KEY ("device_type_id") REFERENCES "public"."device_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_adapters" ADD CONSTRAINT "network_adapters_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_adapters" ADD CONSTRAINT "network_adapters_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sims_iccid_key" ON "sims" USING btree ("iccid");--> statement-breakpoint
CREATE INDEX "sims_customer_iccid_idx" ON "sims" USING btree ("customer_id","iccid");--> statement-breakpoint
CREATE INDEX "sims_customer_status_idx" ON "sims" USING btree ("customer_id","status");--> statement-breakpoint
CREATE INDEX "sims_device_idx" ON "sims" USING btree ("device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bindings_kind_urn_key" ON "bindings" USING btree ("kind","urn");--> statement-breakpoint
CREATE INDEX "bindings_device_idx" ON "bindings" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "bindings_customer_idx" ON "bindings" USING btree ("customer_id","kind");--> statement-breakpoint
CREATE INDEX "bulk_jobs_customer_idx" ON "bulk_jobs" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "bulk_jobs_queue_idx" ON "bulk_jobs" USING btree ("created_at") WHERE "bulk_jobs"."status" <> 'done';--> statement-breakpoint
CREATE INDEX "device_flows_device_idx" ON "device_flows" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "device_types_customer_idx" ON "device_types" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "devices_customer_name_idx" ON "devices" USING btree ("customer_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "devices_customer_created_idx" ON "devices" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "devices_customer_last_message_idx" ON "devices" USING btree ("customer_id",coalesce("last_message_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "devices_customer_identifier_idx" ON "devices" USING btree ("customer_id",coalesce("primary_identifier", ''),"id");--> statement-breakpoint
CREATE INDEX "devices_project_idx" ON "devices" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "devices_type_idx" ON "devices" USING btree ("customer_id","device_type_id");--> statement-breakpoint
CREATE INDEX "devices_status_idx" ON "devices" USING btree ("customer_id","processing_status");--> statement-breakpoint
CREATE INDEX "devices_name_trgm_idx" ON "devices" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "devices_identifier_trgm_idx" ON "devices" USING gin (lower("primary_identifier") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "network_adapters_identifier_key" ON "network_adapters" USING btree ("network_type","identifier");--> statement-breakpoint
CREATE UNIQUE INDEX "network_adapters_device_type_key" ON "network_adapters" USING btree ("device_id","network_type");--> statement-breakpoint
CREATE INDEX "network_adapters_iccid_idx" ON "network_adapters" USING btree ("iccid");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_name_key" ON "saved_views" USING btree ("user_id","table_name","name");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_default_key" ON "saved_views" USING btree ("user_id","table_name") WHERE "saved_views"."is_default";