/**
 * The queue loop's Lua scripts: each runs in Redis as one step, so no other
 * worker or client acts between its reads and writes.
 *
 * - {@link RECLAIM_SCRIPT} moves a job from a processing list back to the
 *   front of `jobs`;
 * - {@link TAKE_MOVED_SCRIPT}, sent right behind `BLMOVE` on the same
 *   connection, reads the job `BLMOVE` moved and sets it `running`: the id,
 *   the envelope and the status in one round trip;
 * - {@link TAKE_SCRIPT} does the same for a known id;
 * - {@link FINISH_SCRIPT} sets the final status, publishes the result and
 *   drops the job from the processing list.
 *
 * The worker sends the two it runs per job as ioredis custom commands
 * (`defineCommand`): `EVALSHA`, the script's text only when Redis does not
 * know it yet.
 *
 * @module
 */
import { createHash } from "node:crypto";
import {
  JobField,
  jobKey,
  JobStatus,
  statusTimestampField,
} from "@qgis-server-light/interface/protocol";

// A Lua function `stalled_count(key, field)`: the job's count of workers
// that died running it; 0 when the field is missing or no finite number of
// 0 or more (a client may write anything there: HINCRBY and a comparison
// with nil raised an error, and the job went back to the queue's front for
// ever).
const LUA_STALLED_COUNT = `
local function stalled_count(key, field)
  local n = tonumber(redis.call('HGET', key, field))
  if not n or n ~= n or n < 0 or n == math.huge then return 0 end
  return math.floor(n)
end
`;

/**
 * Moves one job from a processing list (KEYS[1]) back to the front of
 * `jobs` (KEYS[2]); when its status was `running`, the worker holding it
 * stopped mid-job: the status goes back to `queued` and, if ARGV[6] is 1
 * (the holder died), `stalled` grows. Returns `{id, was_running}` or nil.
 * ARGV: the job keys' prefix, the status field, `running`, the stalled
 * field, `queued`, died.
 *
 * @example
 * ```ts ignore
 * import { RECLAIM_SCRIPT } from "./scripts.ts";
 * await client.eval(RECLAIM_SCRIPT, 2, "processing:w1", "jobs", "job:", "status", "running", "stalled", "queued", "1");
 * ```
 */
export const RECLAIM_SCRIPT = `${LUA_STALLED_COUNT}
local id = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
if not id then return false end
local key = ARGV[1] .. id
local running = redis.call('TYPE', key).ok == 'hash' and
  redis.call('HGET', key, ARGV[2]) == ARGV[3]
if running then
  if ARGV[6] == '1' then
    redis.call('HSET', key, ARGV[4], stalled_count(key, ARGV[4]) + 1)
  end
  redis.call('HSET', key, ARGV[2], ARGV[5])
end
return {id, running and 1 or 0}
`;

/**
 * A Lua function `iso_time(seconds, microseconds)`: the UTC time as
 * `Date.prototype.toISOString` writes it (`2026-12-06T02:15:00.123Z`), for
 * the `running` timestamp the take scripts write with Redis's `TIME`.
 *
 * @example
 * ```ts ignore
 * import { LUA_ISO_TIME } from "./scripts.ts";
 * await client.eval(`${LUA_ISO_TIME} return iso_time(0, 0)`, 0); // "1970-01-01T00:00:00.000Z"
 * ```
 */
export const LUA_ISO_TIME = `
local function iso_time(s, us)
  local days = math.floor(s / 86400)
  local r = s - days * 86400
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) +
    math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', y, m, d,
    math.floor(r / 3600), math.floor(r % 3600 / 60), r % 60,
    math.floor(us / 1000))
end
`;

// Reads a job's hash (`key`) for running it: the envelope only when it is
// at most ARGV[3] bytes long (HSTRLEN is O(1): a huge envelope never leaves
// Redis); sets it `running` unless workers died running it ARGV[6] times (a
// poison pill: it fails unrun).
const TAKE_BODY = `
local kind = redis.call('TYPE', key).ok
if kind ~= 'hash' and kind ~= 'none' then return {5, kind, false, false, id} end
local len = redis.call('HSTRLEN', key, ARGV[1])
local stalled = tostring(stalled_count(key, ARGV[2]))
if len > tonumber(ARGV[3]) then
  return {0, len, stalled, redis.call('HGET', key, ARGV[4]) or '', id}
end
local info = redis.call('HGET', key, ARGV[1])
if not info then return {2, false, false, false, id} end
if tonumber(stalled) < tonumber(ARGV[6]) then
  local t = redis.call('TIME')
  local now = iso_time(tonumber(t[1]), tonumber(t[2]))
  redis.call('HSET', key, ARGV[7], ARGV[8], ARGV[9], now, ARGV[10], now)
end
return {1, info, stalled, false, id}
`;

// how many ARGV takeArgv gives the take scripts
const TAKE_ARGC = 10;

/**
 * Takes the job whose hash is KEYS[1] (ARGV from {@link takeArgv}): returns
 * `{1, info, stalled}` (set `running` unless a poison pill), `{0, length,
 * stalled, info_type}` when the envelope is over the limit (not read, not
 * set running), `{2}` when the hash is gone (the client withdrew it), or
 * `{5, type}` when the key holds another type than a hash (not read).
 *
 * @example
 * ```ts ignore
 * import { TAKE_SCRIPT, takeArgv } from "./scripts.ts";
 * await client.eval(TAKE_SCRIPT, 1, "job:1", ...takeArgv(8 << 20, 3));
 * ```
 */
export const TAKE_SCRIPT = `${LUA_ISO_TIME}${LUA_STALLED_COUNT}
local key, id = KEYS[1], false
${TAKE_BODY}`;

/**
 * {@link TAKE_SCRIPT} for the job `BLMOVE` just moved into the processing
 * list KEYS[1], sent behind it on the same connection: Redis runs it once
 * `BLMOVE` has returned, so the envelope comes back in the same round trip
 * as the id. The list holds, besides that job, only the jobs whose results
 * the worker still re-publishes in the background, named in ARGV after
 * {@link takeArgv}'s: without them, the job is its only element; the reply
 * ends with its id. With no other element (`BLMOVE` timed out) it returns
 * `{3}`, with more than one `{4}` (then the worker takes the id `BLMOVE`
 * returned with {@link TAKE_SCRIPT}). Skipping them matters: after a
 * timeout, a re-published job alone in the list was "taken" again, set
 * `running` between two publications, and a worker that died then had it
 * counted as a death during the job.
 *
 * @example
 * ```ts ignore
 * import { TAKE_MOVED_SCRIPT, takeArgv } from "./scripts.ts";
 * const id = blocking.blmove("jobs", "processing:w1", "LEFT", "RIGHT", 5);
 * const republished = ["job-7"]; // results still re-published
 * const reply = blocking.eval(TAKE_MOVED_SCRIPT, 1, "processing:w1", ...takeArgv(8 << 20, 3), ...republished);
 * ```
 */
export const TAKE_MOVED_SCRIPT = `${LUA_ISO_TIME}${LUA_STALLED_COUNT}
local id, n = false, 0
if #ARGV == ${TAKE_ARGC} then
  n = redis.call('LLEN', KEYS[1])
  if n == 1 then id = redis.call('LINDEX', KEYS[1], 0) end
else
  local skip = {}
  for i = ${TAKE_ARGC + 1}, #ARGV do skip[ARGV[i]] = true end
  for _, held in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
    if not skip[held] then id, n = held, n + 1 end
  end
end
if n ~= 1 then return {n == 0 and 3 or 4} end
local key = ARGV[5] .. id
${TAKE_BODY}`;

/**
 * A take script's reply: `[code, info or length or the key's type, stalled,
 * info_type, id]`
 * (codes in {@link TAKE_SCRIPT} and {@link TAKE_MOVED_SCRIPT}).
 */
export type TakeReply = [
  number,
  (string | number | null)?,
  (string | null)?,
  (string | null)?,
  (string | null)?,
];

/**
 * The ARGV of the take scripts.
 *
 * @example
 * ```ts
 * import { takeArgv } from "./scripts.ts";
 * takeArgv(1024, 3)[2]; // "1024"
 * ```
 */
export function takeArgv(maxJobBytes: number, maxAttempts: number): string[] {
  return [
    JobField.info,
    JobField.stalled,
    String(maxJobBytes),
    JobField.infoType,
    jobKey(""),
    String(maxAttempts),
    JobField.status,
    JobStatus.running,
    statusTimestampField(JobStatus.running),
    JobField.lastUpdate,
  ];
}

/**
 * Finishes a job in one step: sets its hash KEYS[1]'s final status fields
 * (ARGV[6…], names and values), publishes the result ARGV[2] on the channel
 * ARGV[1], expires the hash after ARGV[3] seconds and, when ARGV[5] is 1,
 * drops the id ARGV[4] from the processing list KEYS[2]. A key that holds
 * another type than a hash (a client's doing) is left as it is, the result
 * still published. Returns how many subscribers received the result.
 *
 * @example
 * ```ts ignore
 * import { FINISH_SCRIPT } from "./scripts.ts";
 * await client.eval(FINISH_SCRIPT, 2, "job:1", "processing:w1", "notifications:1", payload, "3600", "1", "1", "status", "succeed");
 * ```
 */
export const FINISH_SCRIPT = `
local hash = redis.call('TYPE', KEYS[1]).ok
hash = hash == 'hash' or hash == 'none'
if hash then redis.call('HSET', KEYS[1], unpack(ARGV, 6)) end
local receivers = redis.call('PUBLISH', ARGV[1], ARGV[2])
if hash then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
if ARGV[5] == '1' then redis.call('LREM', KEYS[2], 1, ARGV[4]) end
return receivers
`;

/**
 * The SHA1 of {@link FINISH_SCRIPT} (hex), the name `EVALSHA` runs it by.
 *
 * @example
 * ```ts
 * import { FINISH_SCRIPT_SHA1 } from "./scripts.ts";
 * FINISH_SCRIPT_SHA1.length; // 40
 * ```
 */
export const FINISH_SCRIPT_SHA1: string = createHash("sha1")
  .update(FINISH_SCRIPT).digest("hex");
