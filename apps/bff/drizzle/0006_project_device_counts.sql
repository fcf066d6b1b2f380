CREATE TABLE "project_device_counts" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"lora" integer DEFAULT 0 NOT NULL,
	"m2m" integer DEFAULT 0 NOT NULL,
	"internet" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_device_counts" ADD CONSTRAINT "project_device_counts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Counts `_n` more devices of `_device_type` in `_project` (-1: one fewer).
CREATE FUNCTION "project_device_counts_add"(_project uuid, _device_type text, _n integer) RETURNS void
LANGUAGE sql AS $$
  UPDATE project_device_counts AS u SET
    total = u.total + _n,
    lora = u.lora + _n * ('LORA' = ANY(t.network_types))::int,
    m2m = u.m2m + _n * ('M2M' = ANY(t.network_types))::int,
    internet = u.internet + _n * ('INTERNET' = ANY(t.network_types))::int
  FROM device_types AS t
  WHERE u.project_id = _project AND t.id = _device_type
$$;
--> statement-breakpoint
CREATE FUNCTION "devices_project_counts"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM project_device_counts_add(OLD.project_id, OLD.device_type_id, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM project_device_counts_add(NEW.project_id, NEW.device_type_id, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "devices_project_counts" AFTER INSERT OR DELETE ON "devices"
FOR EACH ROW EXECUTE FUNCTION devices_project_counts();
--> statement-breakpoint
CREATE TRIGGER "devices_project_counts_moved" AFTER UPDATE OF "project_id", "device_type_id" ON "devices"
FOR EACH ROW
WHEN (OLD.project_id IS DISTINCT FROM NEW.project_id OR OLD.device_type_id IS DISTINCT FROM NEW.device_type_id)
EXECUTE FUNCTION devices_project_counts();
--> statement-breakpoint
CREATE FUNCTION "projects_add_device_counts"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO project_device_counts (project_id) VALUES (NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "projects_add_device_counts" AFTER INSERT ON "projects"
FOR EACH ROW EXECUTE FUNCTION projects_add_device_counts();
--> statement-breakpoint
-- A device type's network types change only with the platform catalogue (at start-up): its projects are
-- counted again. Their rows are locked first, so the count (a later statement, a newer snapshot) also
-- sees devices added meanwhile by transactions that held them.
CREATE FUNCTION "device_types_recount_projects"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM project_device_counts
    WHERE project_id IN (SELECT d.project_id FROM devices AS d WHERE d.device_type_id = NEW.id)
    ORDER BY project_id FOR UPDATE;
  UPDATE project_device_counts AS u SET (total, lora, m2m, internet) = (
    SELECT count(*)::int,
      (count(*) FILTER (WHERE 'LORA' = ANY(t.network_types)))::int,
      (count(*) FILTER (WHERE 'M2M' = ANY(t.network_types)))::int,
      (count(*) FILTER (WHERE 'INTERNET' = ANY(t.network_types)))::int
    FROM devices AS d JOIN device_types AS t ON t.id = d.device_type_id
    WHERE d.project_id = u.project_id)
  WHERE u.project_id IN (SELECT d.project_id FROM devices AS d WHERE d.device_type_id = NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "device_types_recount_projects" AFTER UPDATE OF "network_types" ON "device_types"
FOR EACH ROW
WHEN (OLD.network_types IS DISTINCT FROM NEW.network_types)
EXECUTE FUNCTION device_types_recount_projects();
--> statement-breakpoint
-- After the triggers (whose creation holds off writes to devices until this migration commits).
INSERT INTO "project_device_counts" ("project_id", "total", "lora", "m2m", "internet")
SELECT p.id,
  count(d.id)::int,
  (count(d.id) FILTER (WHERE 'LORA' = ANY(t.network_types)))::int,
  (count(d.id) FILTER (WHERE 'M2M' = ANY(t.network_types)))::int,
  (count(d.id) FILTER (WHERE 'INTERNET' = ANY(t.network_types)))::int
FROM "projects" AS p
LEFT JOIN "devices" AS d ON d.project_id = p.id
LEFT JOIN "device_types" AS t ON t.id = d.device_type_id
GROUP BY p.id;
