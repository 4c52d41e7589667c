#!/usr/bin/python3
"""A cockpit client nobody in EdgeSdk wrote: python stubs generated here, at test time, from the cockpit's .proto
files by Debian's protoc (protobuf-compiler 3.21) and gRPC python plugin (protobuf-compiler-grpc, the same 1.51 as
python3-grpcio), then used through python3-grpcio against a running cockpit host. (Debian's python3-grpc-tools bundles
protoc 3.6, which predates proto3 `optional`; the contracts need protoc 3.15 or later.)

usage: cockpit_client_check.py PROTO_DIR OUT_DIR HOST:PORT
Prints one line per check ("name: result"); the C# test compares them. Exit code 1 on any unexpected answer.
"""
import subprocess
import sys
import time

import grpc

proto_dir, out_dir, address = sys.argv[1:4]
files = ["edgesdk/cockpit/v1/%s.proto" % name for name in ("vehicle_status", "navigation", "climate", "media", "alerts")]
rc = subprocess.call(["/usr/bin/protoc", "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin", "-I" + proto_dir,
                      "-I/usr/include", "--python_out=" + out_dir, "--grpc_python_out=" + out_dir] + files)
if rc != 0:
    print("protoc failed: %d" % rc)
    sys.exit(1)
sys.path.insert(0, out_dir)
from edgesdk.cockpit.v1 import (alerts_pb2, alerts_pb2_grpc, climate_pb2, climate_pb2_grpc, media_pb2,  # noqa: E402
                                media_pb2_grpc, navigation_pb2, navigation_pb2_grpc, vehicle_status_pb2,
                                vehicle_status_pb2_grpc)

channel = grpc.insecure_channel(address)
failed = False


def check(name, condition, shown):
    global failed
    print("%s: %s" % (name, shown))
    if not condition:
        failed = True


status_stub = vehicle_status_pb2_grpc.VehicleStatusServiceStub(channel)
status = status_stub.GetStatus(vehicle_status_pb2.GetStatusRequest(), timeout=30)
check("status", status.HasField("speed_kilometers_per_hour"),
      "%.1f km/h, gear %d, doors %s" % (status.speed_kilometers_per_hour, status.current_gear,
                                        ",".join("%s=%s" % (d.position, d.is_open) for d in status.doors)))
first = next(status_stub.WatchStatus(vehicle_status_pb2.WatchStatusRequest(), timeout=30))
check("watch", first.sequence == status.sequence, "first snapshot is the newest: %s" % (first.sequence == status.sequence))

climate_stub = climate_pb2_grpc.ClimateServiceStub(channel)
reply = climate_stub.SetZone(climate_pb2.SetZoneRequest(zone="Row9.Left", temperature_celsius=22), timeout=30)
check("climate-error", reply.error == climate_pb2.CLIMATE_ERROR_ZONE_MISSING,
      "%s: %s" % (climate_pb2.ClimateError.Name(reply.error), reply.message))
zones = climate_stub.GetClimate(climate_pb2.GetClimateRequest(), timeout=30).zones
check("climate-zones", len(zones) == 2, ", ".join(z.zone for z in zones))

navigation_stub = navigation_pb2_grpc.NavigationServiceStub(channel)
route = navigation_stub.SetRoute(navigation_pb2.SetRouteRequest(
    name="py.geojson", geojson='{"type":"LineString","coordinates":[[0,0],[0.01,0]]}'), timeout=30)
check("route", route.error == navigation_pb2.ROUTE_ERROR_NONE, "%s, %d points, %.3f m" % (
    navigation_pb2.RouteError.Name(route.error), route.points, route.length_meters))

media_stub = media_pb2_grpc.MediaServiceStub(channel)
volume = media_stub.SetVolume(media_pb2.SetVolumeRequest(volume_percent=55), timeout=30)
deadline = time.time() + 60
state = media_stub.GetMedia(media_pb2.GetMediaRequest(), timeout=30)
while state.volume_percent != 55 and time.time() < deadline:
    time.sleep(0.05)
    state = media_stub.GetMedia(media_pb2.GetMediaRequest(), timeout=30)
check("media", state.volume_percent == 55, "%s, volume %d" % (media_pb2.MediaError.Name(volume.error), state.volume_percent))

alerts_stub = alerts_pb2_grpc.AlertsServiceStub(channel)
rules = alerts_stub.ListRules(alerts_pb2.ListRulesRequest(), timeout=30).rules
check("alerts", len(rules) == 6, "%d rules: %s" % (len(rules), ", ".join(r.id for r in rules)))

sys.exit(1 if failed else 0)
