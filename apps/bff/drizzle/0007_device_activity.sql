CREATE TABLE "device_activity" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Every device has its row, made with it; `-infinity` means it never sent a message.
INSERT INTO "device_activity" ("device_id", "customer_id", "last_message_at")
SELECT "id", "customer_id", coalesce("last_message_at", '-infinity'::timestamptz) FROM "devices";
--> statement-breakpoint
CREATE FUNCTION "devices_add_activity"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO device_activity (device_id, customer_id, last_message_at)
  VALUES (NEW.id, NEW.customer_id, '-infinity');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "devices_add_activity" AFTER INSERT ON "devices"
FOR EACH ROW EXECUTE FUNCTION devices_add_activity();
--> statement-breakpoint
DROP INDEX "devices_customer_last_message_idx";--> statement-breakpoint
ALTER TABLE "device_activity" ADD CONSTRAINT "device_activity_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_activity_customer_idx" ON "device_activity" USING btree ("customer_id","last_message_at","device_id");--> statement-breakpoint
ALTER TABLE "devices" DROP COLUMN "last_message_at";
