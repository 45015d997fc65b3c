"""A stand-in for the upstream Python client (qgis_server_light's RedisQueue.post),
speaking its protocol step by step over a minimal RESP client (no redis-py):
HSET info/info_type + RPUSH in one MULTI, then `queued`, then SUBSCRIBE, then
pickle.loads of the message as qgis_server_light's JobResult.

usage: python3 worker_python_client.py <port> <job id> <info json file>
prints JSON: {status, type, id, content_type, worker_id, worker_host_name, data_b64}
"""
import base64, dataclasses, datetime, json, pickle, socket, sys, types
from typing import Any

# qgis_server_light.interface.job.common.output.JobResult, as upstream defines it
mod = types.ModuleType("qgis_server_light.interface.job.common.output")
@dataclasses.dataclass
class JobResult:
    id: str
    data: Any
    content_type: str
    worker_id: str | None = None
    worker_host_name: str | None = None
JobResult.__module__ = mod.__name__
mod.JobResult = JobResult
for name in ["qgis_server_light", "qgis_server_light.interface",
             "qgis_server_light.interface.job", "qgis_server_light.interface.job.common"]:
    sys.modules[name] = types.ModuleType(name)
sys.modules[mod.__name__] = mod


class Resp:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.f = self.s.makefile("rb")

    def send(self, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.s.sendall(out)
        return self.read()

    def read(self):
        line = self.f.readline()
        kind, rest = line[:1], line[1:-2]
        if kind in (b"+", b":"):
            return rest
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.f.read(n + 2)[:-2]
            return data
        if kind == b"*":
            return [self.read() for _ in range(int(rest))]
        raise RuntimeError("bad reply %r" % line)


port, job_id, info_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
info = open(info_file).read()
key = "job:%s" % job_id
c = Resp(port)
c.send("MULTI")
c.send("HSET", key, "info", info)
c.send("HSET", key, "info_type", json.loads(info)["type"])
c.send("RPUSH", "jobs", job_id)
c.send("EXEC")
ts = datetime.datetime.now().isoformat()
c.send("HSET", key, "status", "queued", "timestamp.queued", ts,
       "timestamp.last_update", ts, "duration", "0.0")
sub = Resp(port)
sub.send("SUBSCRIBE", "notifications:%s" % job_id)
while True:
    msg = sub.read()
    if msg[0] == b"message":
        break
status = c.send("HGET", key, "status").decode()
result = pickle.loads(msg[2])
c.send("DEL", key)
assert isinstance(result, JobResult), type(result)
data = result.data if isinstance(result.data, bytes) else str(result.data).encode()
print(json.dumps({
    "status": status, "type": type(result).__module__ + "." + type(result).__name__,
    "id": result.id, "content_type": result.content_type,
    "worker_id": result.worker_id, "worker_host_name": result.worker_host_name,
    "data_b64": base64.b64encode(data).decode(),
}))
