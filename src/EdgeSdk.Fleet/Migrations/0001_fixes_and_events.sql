-- Fixes and device events, one row per (fleet, device, queue instance, sequence): the primary key is the
-- de-duplication state, so redelivery, several consumers and restarts never add a second row.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE fleet_fix (
    fleet            text             NOT NULL,
    device           text             NOT NULL,
    queue_instance   bigint           NOT NULL, -- the publisher's unsigned 64-bit instance, stored as its bit pattern
    sequence         bigint           NOT NULL,
    time_utc         timestamptz      NOT NULL,
    sent_utc         timestamptz      NOT NULL,
    committed_utc    timestamptz      NOT NULL DEFAULT clock_timestamp(),
    mode             smallint         NOT NULL,
    position         geography(Point, 4326),   -- null when the receiver had no position
    altitude_msl_m   double precision,
    speed_mps        double precision,
    course_deg       double precision,
    satellites_used  smallint         NOT NULL,
    PRIMARY KEY (fleet, device, queue_instance, sequence)
);

CREATE INDEX fleet_fix_device_time ON fleet_fix (fleet, device, time_utc);
CREATE INDEX fleet_fix_position ON fleet_fix USING gist (position);

CREATE TABLE fleet_event (
    fleet            text        NOT NULL,
    device           text        NOT NULL,
    queue_instance   bigint      NOT NULL,
    sequence         bigint      NOT NULL,
    sent_utc         timestamptz NOT NULL,
    kind             text        NOT NULL,
    count            bigint      NOT NULL,
    detail           text        NOT NULL,
    PRIMARY KEY (fleet, device, queue_instance, sequence)
);
