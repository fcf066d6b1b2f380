CREATE TABLE "decodings" (
	"uplink_id" uuid NOT NULL,
	"flow_id" uuid NOT NULL,
	"decoder_id" text NOT NULL,
	"records" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decodings_uplink_id_flow_id_decoder_id_pk" PRIMARY KEY("uplink_id","flow_id","decoder_id")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"uplink_id" uuid NOT NULL,
	"destination_id" uuid NOT NULL,
	"flow_id" uuid,
	"device_id" uuid NOT NULL,
	"body" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "delivery_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delivery_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" uuid NOT NULL,
	"destination_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"request_headers" jsonb NOT NULL,
	"status" integer,
	"latency_ms" integer NOT NULL,
	"response" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "destinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"shared_secret" text NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"inactive_reason" text,
	"failing_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flow_decoders" (
	"flow_id" uuid NOT NULL,
	"device_type_id" text NOT NULL,
	"decoder_id" text NOT NULL,
	"enabled" boolean NOT NULL,
	CONSTRAINT "flow_decoders_flow_id_device_type_id_decoder_id_pk" PRIMARY KEY("flow_id","device_type_id","decoder_id")
);
--> statement-breakpoint
CREATE TABLE "flow_destinations" (
	"flow_id" uuid NOT NULL,
	"destination_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flow_destinations_flow_id_destination_id_pk" PRIMARY KEY("flow_id","destination_id")
);
--> statement-breakpoint
CREATE TABLE "lora_integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_endpoint_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "test_endpoint_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"destination_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"headers" jsonb NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "twin_reported" (
	"device_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value" jsonb NOT NULL,
	"unit" text,
	"time" timestamp with time zone NOT NULL,
	CONSTRAINT "twin_reported_device_id_name_pk" PRIMARY KEY("device_id","name")
);
--> statement-breakpoint
CREATE TABLE "uplinks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"connector" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"content_type" text,
	"payload" "bytea" NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text NOT NULL,
	"error" text,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "decodings" ADD CONSTRAINT "decodings_uplink_id_uplinks_id_fk" FOREIGN KEY ("uplink_id") REFERENCES "public"."uplinks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decodings" ADD CONSTRAINT "decodings_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_uplink_id_uplinks_id_fk" FOREIGN KEY ("uplink_id") REFERENCES "public"."uplinks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_destination_id_destinations_id_fk" FOREIGN KEY ("destination_id") REFERENCES "public"."destinations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_decoders" ADD CONSTRAINT "flow_decoders_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_destinations" ADD CONSTRAINT "flow_destinations_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_destinations" ADD CONSTRAINT "flow_destinations_destination_id_destinations_id_fk" FOREIGN KEY ("destination_id") REFERENCES "public"."destinations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lora_integrations" ADD CONSTRAINT "lora_integrations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_endpoint_requests" ADD CONSTRAINT "test_endpoint_requests_destination_id_destinations_id_fk" FOREIGN KEY ("destination_id") REFERENCES "public"."destinations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twin_reported" ADD CONSTRAINT "twin_reported_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uplinks" ADD CONSTRAINT "uplinks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uplinks" ADD CONSTRAINT "uplinks_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_uplink_destination_key" ON "deliveries" USING btree ("uplink_id","destination_id");--> statement-breakpoint
CREATE INDEX "deliveries_queue_idx" ON "deliveries" USING btree ("next_attempt_at") WHERE "deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "deliveries_destination_idx" ON "deliveries" USING btree ("destination_id","state","created_at");--> statement-breakpoint
CREATE INDEX "delivery_attempts_destination_idx" ON "delivery_attempts" USING btree ("destination_id","at");--> statement-breakpoint
CREATE INDEX "delivery_attempts_delivery_idx" ON "delivery_attempts" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "destinations_customer_idx" ON "destinations" USING btree ("customer_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "flow_destinations_destination_idx" ON "flow_destinations" USING btree ("destination_id");--> statement-breakpoint
CREATE INDEX "test_endpoint_requests_destination_idx" ON "test_endpoint_requests" USING btree ("destination_id","id");--> statement-breakpoint
CREATE INDEX "uplinks_device_time_idx" ON "uplinks" USING btree ("device_id","received_at");--> statement-breakpoint
CREATE INDEX "uplinks_queue_idx" ON "uplinks" USING btree ("id") WHERE "uplinks"."state" = 'accepted';