-- Fixes that came by BeiDou short message (RDSS) while MQTT was down. A satellite report names the device's
-- queue instance only by its low 32 bits, so a satellite row may hold just that tag as its queue_instance until
-- the MQTT copy of the same fix arrives and upgrades it in place (full instance, full-resolution values).
--   path: 'mqtt' (came by MQTT), 'satellite' (by satellite only, so far), 'upgraded' (by satellite, then by MQTT)
ALTER TABLE fleet_fix ADD COLUMN path text NOT NULL DEFAULT 'mqtt' CHECK (path IN ('mqtt', 'satellite', 'upgraded'));
ALTER TABLE fleet_fix ADD COLUMN upgraded_utc timestamptz; -- when the MQTT copy upgraded a satellite row

-- One row per (device, 32-bit instance tag, sequence), whichever path came first: inserts by either path skip a
-- fix the other committed (or is committing: the index makes the second writer wait and then skip), so a fix is
-- never stored twice. Two queue instances of one device that share their low 32 bits would collide here; they
-- are random 64-bit numbers, and the consumer's in-memory matching makes the same assumption.
CREATE UNIQUE INDEX fleet_fix_instance_tag ON fleet_fix (fleet, device, (queue_instance & 4294967295), sequence);

-- The satellite rows still awaiting their MQTT copy: few, so the upgrade on every MQTT batch stays cheap.
CREATE INDEX fleet_fix_awaiting_upgrade ON fleet_fix (fleet, device, sequence) WHERE path = 'satellite';
