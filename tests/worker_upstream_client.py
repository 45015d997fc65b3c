"""Posts one job with the REAL upstream client: qgis_server_light's
`RedisQueue.create(url).post(parameter)`, imported from a copy of the upstream
source that the test extracts at test time (never committed here).

usage: python3 worker_upstream_client.py <upstream src dir> <redis url> <job envelope json file>
prints JSON: {status, type, id, content_type, worker_id, worker_host_name, data_b64}

The client needs redis-py (Debian: python3-redis) and xsdata, which only its
JsonSerializer().render(job_info) uses to write the envelope; when xsdata is
not installed or cannot write upstream's dataclasses (Debian 12's is too old
for their `X | None` hints), a stand-in serializer writes the same JSON (the
dataclass fields, nested, None as null) and says so on stderr.
"""
import asyncio, base64, dataclasses, enum, json, sys, types

src, url, job_file = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, src)



class StandInJsonSerializer:
    """The JSON xsdata writes for these dataclasses: fields, nested, None as null."""

    def render(self, obj):
        def plain(v):
            if dataclasses.is_dataclass(v):
                return {f.name: plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
            if isinstance(v, (list, tuple)):
                return [plain(x) for x in v]
            if isinstance(v, enum.Enum):
                return v.value
            return v
        return json.dumps(plain(obj))


try:
    import xsdata.formats.dataclass.serializers  # noqa: F401
except ImportError:
    print("xsdata is not installed: a stand-in JsonSerializer writes the envelope",
          file=sys.stderr)
    names = ["xsdata", "xsdata.formats", "xsdata.formats.dataclass",
             "xsdata.formats.dataclass.serializers"]
    for name in names:
        sys.modules[name] = types.ModuleType(name)
    sys.modules[names[-1]].JsonSerializer = StandInJsonSerializer

from qgis_server_light.interface.common import BBox, Style  # noqa: E402
from qgis_server_light.interface.dispatcher import redis_asio  # noqa: E402
from qgis_server_light.interface.dispatcher.redis_asio import RedisQueue  # noqa: E402
from qgis_server_light.interface.job.common.input import QslJobLayer  # noqa: E402
from qgis_server_light.interface.job.common.output import JobResult  # noqa: E402
from qgis_server_light.interface.job.render.input import QslJobParameterRender  # noqa: E402

envelope = json.load(open(job_file))
job = envelope["job"]
assert envelope["type"] == "QslJobInfoRender", "this driver posts render jobs"
layers = [
    QslJobLayer(
        id=l["id"], name=l["name"], source=l["source"], remote=l["remote"],
        folder_name=l["folder_name"], driver=l["driver"],
        style=Style(**l["style"]) if l.get("style") else None,
    )
    for l in job["layers"]
]
parameter = QslJobParameterRender(
    layers=layers, bbox=BBox(**job["bbox"]), crs=job["crs"],
    width=job["width"], height=job["height"], dpi=job.get("dpi"),
    format=job.get("format", "image/png"),
)

try:
    redis_asio.JsonSerializer().render(redis_asio.QslJobInfoRender(
        id="probe", type="QslJobInfoRender", job=parameter))
except Exception as e:  # an xsdata too old for upstream's type hints (Debian 12's)
    print(f"the installed xsdata cannot write upstream's envelope ({e}): "
          "a stand-in JsonSerializer writes it", file=sys.stderr)
    redis_asio.JsonSerializer = StandInJsonSerializer


async def main():
    queue = RedisQueue.create(url)
    try:
        result, status = await queue.post(parameter, 30.0)
    finally:
        await queue.client.close()
    assert isinstance(result, JobResult), type(result)
    data = result.data if isinstance(result.data, bytes) else str(result.data).encode()
    print(json.dumps({
        "status": status,
        "type": type(result).__module__ + "." + type(result).__name__,
        "id": result.id, "content_type": result.content_type,
        "worker_id": result.worker_id, "worker_host_name": result.worker_host_name,
        "data_b64": base64.b64encode(data).decode(),
    }))


asyncio.run(main())
