#!/usr/bin/python3
"""A kuksa.val.v2 client nobody in EdgeSdk wrote: python stubs generated here, at test time, from KUKSA's
upstream protos by Debian's grpc_tools, then used against a running databroker.

usage: kuksa_client_check.py PROTO_DIR OUT_DIR HOST:PORT
Prints one line per check ("name: result"); the C# test compares them. Exit code 1 on any unexpected answer.
"""
import os
import queue
import sys
import time

from grpc_tools import protoc
import grpc

proto_dir, out_dir, address = sys.argv[1:4]
# protoc.main does not add the well-known types (google/protobuf/timestamp.proto) the way `-m grpc_tools.protoc` does.
well_known = os.path.join(os.path.dirname(protoc.__file__), "_proto")
rc = protoc.main(["protoc", "-I" + proto_dir, "-I" + well_known, "--python_out=" + out_dir, "--grpc_python_out=" + out_dir,
                  "kuksa/val/v2/types.proto", "kuksa/val/v2/val.proto"])
if rc != 0:
    print("protoc failed: %d" % rc)
    sys.exit(1)
sys.path.insert(0, out_dir)
from kuksa.val.v2 import types_pb2, val_pb2, val_pb2_grpc  # noqa: E402

TEMPERATURE = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature"
channel = grpc.insecure_channel(address)
stub = val_pb2_grpc.VALStub(channel)
failed = False


def check(name, condition, shown):
    global failed
    print("%s: %s" % (name, shown))
    if not condition:
        failed = True


def code_of(call):
    try:
        call()
        return "OK"
    except grpc.RpcError as error:
        return error.code().name


info = stub.GetServerInfo(val_pb2.GetServerInfoRequest(), timeout=30)
check("server", info.name != "", info.name)

location = stub.ListMetadata(val_pb2.ListMetadataRequest(root="Vehicle.CurrentLocation"), timeout=30).metadata
latitude = [m for m in location if m.path == "Vehicle.CurrentLocation.Latitude"][0]
check("metadata", len(location) > 5, "%d signals under Vehicle.CurrentLocation; Latitude %s %s [%g, %g] %s" % (
    len(location), types_pb2.DataType.Name(latitude.data_type), types_pb2.EntryType.Name(latitude.entry_type),
    latitude.min.double, latitude.max.double, latitude.unit))
cabin = stub.ListMetadata(val_pb2.ListMetadataRequest(root="Vehicle.Cabin.**"), timeout=30).metadata
check("wildcard", len(cabin) > 100, "%d signals match Vehicle.Cabin.**" % len(cabin))

# The simulated drive feeds the position: wait (generously, the machine may be busy) for the first fix.
deadline = time.time() + 120
value = None
while time.time() < deadline:
    point = stub.GetValue(val_pb2.GetValueRequest(signal_id=types_pb2.SignalID(path="Vehicle.CurrentLocation.Latitude")), timeout=30).data_point
    if point.HasField("value"):
        value = point.value.double
        break
    time.sleep(0.2)
check("get", value is not None and 29.0 < value < 30.0, "latitude %s" % ("none" if value is None else "in Chongqing" if 29.0 < value < 30.0 else value))

stream = stub.Subscribe(val_pb2.SubscribeRequest(signal_paths=["Vehicle.Speed", "Vehicle.CurrentLocation.Longitude"], buffer_size=10), timeout=120)
first = next(stream)
updates = [next(stream) for _ in range(5)]
# Speed comes from CAN at its own rate and may fill the first updates: read on (bounded) until a position arrives.
more = 0
while more < 500 and not any("Vehicle.CurrentLocation.Longitude" in u.entries for u in updates):
    updates.append(next(stream))
    more += 1
stream.cancel()
check("subscribe", sorted(first.entries.keys()) == ["Vehicle.CurrentLocation.Longitude", "Vehicle.Speed"] and len(updates) >= 5,
      "first response has %s, then 5 updates" % ", ".join(sorted(first.entries.keys())))
longitudes = [u.entries["Vehicle.CurrentLocation.Longitude"].value.double for u in updates if "Vehicle.CurrentLocation.Longitude" in u.entries]
check("subscribe-values", len(longitudes) > 0 and all(106.0 < x < 107.0 for x in longitudes),
      "longitudes in Chongqing" if longitudes and all(106.0 < x < 107.0 for x in longitudes) else "longitudes %s in %d updates" % (longitudes, len(updates)))

check("actuate-without-provider", True, code_of(lambda: stub.Actuate(val_pb2.ActuateRequest(
    signal_id=types_pb2.SignalID(path=TEMPERATURE), value=types_pb2.Value(float=21.5)), timeout=30)))

# A provider, in python too: claims the actuator, receives the target, publishes the value it applied.
requests = queue.Queue()
requests.put(val_pb2.OpenProviderStreamRequest(provide_actuation_request=val_pb2.ProvideActuationRequest(
    actuator_identifiers=[types_pb2.SignalID(path=TEMPERATURE)])))
responses = stub.OpenProviderStream(iter(requests.get, None), timeout=120)
check("provide", True, next(responses).WhichOneof("action"))
check("actuate", True, code_of(lambda: stub.Actuate(val_pb2.ActuateRequest(
    signal_id=types_pb2.SignalID(path=TEMPERATURE), value=types_pb2.Value(float=21.5)), timeout=30)))
target = next(responses).batch_actuate_stream_request.actuate_requests[0]
check("target", target.value.float == 21.5, "id %d float %g" % (target.signal_id.id, target.value.float))
requests.put(val_pb2.OpenProviderStreamRequest(publish_values_request=val_pb2.PublishValuesRequest(
    request_id=1, data_points={target.signal_id.id: types_pb2.Datapoint(value=types_pb2.Value(float=21.5))})))
deadline = time.time() + 60
applied = None
while time.time() < deadline:
    point = stub.GetValue(val_pb2.GetValueRequest(signal_id=types_pb2.SignalID(id=target.signal_id.id)), timeout=30).data_point
    if point.HasField("value"):
        applied = point.value.float
        break
    time.sleep(0.1)
check("applied", applied == 21.5, "current %s" % applied)
requests.put(None)

check("actuate-sensor", True, code_of(lambda: stub.Actuate(val_pb2.ActuateRequest(
    signal_id=types_pb2.SignalID(path="Vehicle.Speed"), value=types_pb2.Value(float=1)), timeout=30)))
check("wrong-type", True, code_of(lambda: stub.PublishValue(val_pb2.PublishValueRequest(
    signal_id=types_pb2.SignalID(path="Vehicle.Speed"), data_point=types_pb2.Datapoint(value=types_pb2.Value(double=1))), timeout=30)))
check("out-of-range", True, code_of(lambda: stub.PublishValue(val_pb2.PublishValueRequest(
    signal_id=types_pb2.SignalID(path="Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed"),
    data_point=types_pb2.Datapoint(value=types_pb2.Value(uint32=101))), timeout=30)))
check("unknown", True, code_of(lambda: stub.GetValue(val_pb2.GetValueRequest(signal_id=types_pb2.SignalID(path="Vehicle.Nope")), timeout=30)))
sys.exit(1 if failed else 0)
