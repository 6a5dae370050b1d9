// Every product rule's number lives here, once. Client and server import it.

export const AGE = {
  /** Sign-up is refused below this age. */
  minimumToSignUp: 13,
  /** Below this age: no DMs, groups or rooms at all. */
  minimumForDMs: 16,
  /** Below this age the nudity filter is always on; from it on, it can be switched off. */
  adult: 18,
} as const;

export const ACCOUNT = {
  usernameMin: 3,
  usernameMax: 24,
  displayNameMax: 50,
  passwordMin: 8,
  passwordMax: 200,
  bioMax: 160,
} as const;

/** Usernames nobody may register (compared without "." and "_"): they would pass for the service or its staff. */
/** A profile picture: a photo, screened by the nudity filter for everyone (anyone may see it), stored as a square. */
export const AVATAR = {
  /** The largest upload accepted. */
  maxBytes: 10 * 1024 * 1024,
  /** The stored square's edge, in pixels. */
  edge: 512,
} as const;

export const RESERVED_USERNAMES = [
  "admin",
  "administrator",
  "root",
  "system",
  "support",
  "help",
  "helpdesk",
  "murmur",
  "murmurteam",
  "official",
  "staff",
  "team",
  "moderator",
  "mod",
  "mods",
  "security",
  "safety",
  "trust",
  "abuse",
  "api",
  "www",
  "mail",
  "noreply",
  "postmaster",
  "webmaster",
  "info",
  "billing",
  "legal",
  "privacy",
  "status",
  "everyone",
  "here",
] as const;

export const HTTP = {
  /** A JSON request body over this is refused (413 BODY_TOO_LARGE) without reading the rest. */
  jsonBodyMaxBytes: 64 * 1024,
} as const;

export const SESSIONS = {
  /** How long a node trusts its last look at a session (a revocation holds everywhere within this). */
  checkCacheMs: 2_000,
  checkCacheMax: 50_000,
  /** lastSeenAt is written at most this often per session. */
  lastSeenResolutionMs: 60_000,
} as const;

/** Personal access tokens (Settings → API tokens) and bot accounts. */
export const TOKENS = {
  /** The scopes a personal access token may carry; browser sessions and password tokens have them all. */
  scopes: ["messages:read", "messages:write", "rooms:moderate", "webhooks:manage"] as const,
  /** Every token string starts with this (so leaked tokens are easy to find and scan for). */
  prefix: "mur_pat_",
  /** Random bytes after the prefix (base64url): high entropy, so sha256 is enough to store it. */
  secretBytes: 32,
  /** The expiry choices in days; `null` ("no expiry" asked for) is capped at maxDays. */
  expiryDays: [7, 30, 90] as const,
  maxDays: 365,
  nameMax: 50,
  /** Live tokens per account (a bot's included). */
  perUser: 25,
  /** Bots one owner may have. */
  botsPerOwner: 5,
} as const;
export type TokenScope = (typeof TOKENS.scopes)[number];

/** Logins: failures counted per account and per address, with back-off (429 LOGIN_THROTTLED). */
export const LOGIN = {
  /** Wrong passwords for one account within the window before it is locked for a while. */
  failuresPerAccount: 5,
  /** Wrong logins from one address within the window, over all accounts. */
  failuresPerAddress: 30,
  windowSeconds: 15 * 60,
  /** The first lock of an account; each further lock within a day doubles it, up to the maximum. */
  firstLockSeconds: 60,
  maxLockSeconds: 60 * 60,
  /** An address over its allowance waits this long. */
  addressLockSeconds: 15 * 60,
  /** Password hashes computed at once: a flood of logins leaves the other core to everyone else. */
  hashConcurrency: 1,
  /** Logins waiting for a hash beyond this are refused at once (429 RATE_LIMITED). */
  hashQueueMax: 32,
} as const;

export const CONVERSATION = {
  /** TikTok's group size: the creator included. */
  groupMaxMembers: 32,
  /** A group needs its creator plus at least this many others. */
  groupMinOtherMembers: 2,
  groupTitleMax: 50,
} as const;

export const MESSAGE = {
  textMax: 2000,
  /** A message may be edited for this long after it was sent. */
  editWindowMs: 15 * 60 * 1000,
  pageSizeDefault: 50,
  pageSizeMax: 100,
  clientIdMax: 64,
  /** A reply shows this much of the message it answers. */
  replyPreviewChars: 200,
} as const;

export const RATE_LIMIT = {
  messagesPerWindow: 20,
  /** Bots' tier (operator setting BOT_MESSAGE_RATE_LIMIT): 150 per 10 s lets an echo bot answer 10 msg/s with room to spare. */
  botMessagesPerWindow: 150,
  windowMs: 10_000,
} as const;

export const VISUALS = {
  /** Photos and videos in one message, in 1:1 and group chats. */
  maxPerMessage: 9,
  imageMaxBytes: 25 * 1024 * 1024,
  videoMaxBytes: 200 * 1024 * 1024,
  videoMaxMs: 3 * 60 * 1000,
  /** Decoding refuses images with more pixels than this (decompression bombs). */
  maxInputPixels: 24_000_000,
  /** Longest edge of the stored image (the composer also scales photos down to it before uploading). */
  maxImageEdge: 2048,
  /** A photo within maxImageEdge and under this size goes up as it is: re-encoding it would save little. */
  smallImageBytes: 1024 * 1024,
  thumbnailEdge: 320,
  /** A photo's or video's text alternative (alt text), in characters. */
  altTextMax: 1000,
} as const;

export const VOICE = {
  maxMs: 60_000,
  /** The recorder counts down the last this-many ms before the limit stops it. */
  countdownMs: 10_000,
  /** Codec padding allowed on top of maxMs when measuring the decoded audio. */
  paddingToleranceMs: 500,
  maxBytes: 10 * 1024 * 1024,
  waveformBars: 64,
} as const;

export const MEDIA_STORE = {
  /** S3 multipart part size (S3's minimum is 5 MiB): uploads hold at most part × in-flight bytes. */
  s3PartBytes: 5 * 1024 * 1024,
  s3PartsInFlight: 2,
  /** Keys per ListObjectsV2 page (S3's maximum is 1000). */
  s3ListPageSize: 1000,
  /** How long a presigned media URL works (MEDIA_DELIVERY=redirect) unless S3_PRESIGN_SECONDS says otherwise. */
  presignSecondsDefault: 300,
} as const;

export const UPLOADS = {
  /** Uploads never attached to a message are deleted after this long (an offline outbox may send late). */
  orphanGraceMs: 24 * 60 * 60 * 1000,
  /** How often the server sweeps orphaned uploads. */
  sweepIntervalMs: 60 * 60 * 1000,
  /** Video edits: a trimmed clip keeps at least this much. */
  minTrimmedVideoMs: 500,
  /** Longest edge of a transcoded video (720p, as messengers send; remuxed videos keep their size). */
  maxVideoEdge: 1280,
  /** libx264's preset for a transcode: fast enough that a 60 s clip is ready within seconds. */
  videoPreset: "superfast",
  /** How long the server waits for a whole request body (a 200 MB video at 5 Mbit/s takes 5.5 minutes). */
  requestTimeoutMs: 20 * 60 * 1000,
  /** How long one ffmpeg/ffprobe run may take before it is killed. */
  ffmpegTimeoutMs: 10 * 60 * 1000,
  /** Uploads one user may start in an hour (a busy chat sends a few dozen photos an hour)... */
  perHour: 120,
  /** ...and in a day (429 UPLOAD_QUOTA with Retry-After beyond either). */
  perDay: 600,
} as const;

/** Videos that need a transcode are processed in the background (src/domain/media/jobs). */
export const MEDIA_JOBS = {
  /** A running job's lease: a node that stops renewing it (it died) loses the job to another after this long. */
  leaseMs: 30_000,
  /** How often a running job renews its lease (and saves its progress). */
  heartbeatMs: 5_000,
  /** How often a node looks for queued jobs (it also starts at once on what it queued itself). */
  pollMs: 1_000,
  /** Tries before a job that keeps failing for reasons other than the file itself is failed. */
  maxAttempts: 3,
  /** The uploader hears of a job's progress at most this often. */
  progressEveryMs: 250,
} as const;

export const NUDITY = {
  /** A visual is blocked when porn + hentai reaches this... */
  explicitThreshold: 0.4,
  /** ...or when porn + hentai + sexy reaches this. */
  suggestiveThreshold: 0.7,
  /** Classification that takes longer is treated as a failure: the visual is refused. */
  classifyTimeoutMs: 30_000,
  /** A video is screened at this many frames per second of the kept clip (after trim)... */
  videoFramesPerSecond: 1,
  /** ...plus every frame that starts a new scene (ffmpeg's scene score, 0-1, above this). */
  sceneChangeThreshold: 0.3,
  /** An animation with up to this many frames is screened frame by frame; a longer one at this many evenly spaced frames plus every scene change. */
  animationFrames: 64,
  /** More frames to screen than this (a strobe of scene changes) cannot be checked in time: the visual is refused. */
  maxScreenedFrames: 300,
  /** Frames classified in one run of the model at most: a batch costs about a tenth less a frame than one at a time, and a video's batch still leaves the worker to others soon. */
  classifyBatchFrames: 8,
} as const;

export const ROOMS = {
  creatorMinAge: 18,
  creatorMinFollowers: 10_000,
  maxRoomsPerCreator: 20,
  /** Participants, the creator and moderators included. */
  maxParticipants: 300,
  maxModerators: 5,
  timeoutMinutes: [10, 60, 24 * 60, 7 * 24 * 60] as const,
  slowModeMaxSeconds: 60,
  nameMax: 60,
  descriptionMax: 500,
  topicTitleMax: 80,
  announcementTitleMax: 100,
  announcementUrlMax: 500,
  /** Why a moderator acted, as written in the moderation log. */
  moderationReasonMax: 300,
  /** Members under this age never join a room. */
  memberMinAge: 16,
  inviteCodeLength: 10,
  moderationLogPageSize: 100,
  /** An announcement stays pinned this long after it started. */
  announcementPinnedAfterStartMs: 6 * 60 * 60 * 1000,
  /** How often the server looks for announcements that have just started. */
  announcementSweepMs: 5_000,
  /**
   * A fan-club membership lapses after this long without activity (posting in the
   * creator's rooms, or joining the club again); a lapsed fan no longer counts for a room's audience.
   */
  fanClubLapseMs: 7 * 24 * 60 * 60 * 1000,
  /** How often the server takes people whose membership basis ended out of rooms. */
  membershipSweepMs: 60_000,
} as const;

export const REPORT = {
  detailsMax: 1000,
} as const;

export const PLATFORM = {
  searchQueryMax: 50,
  searchResults: 20,
  feedPageDefault: 12,
  feedPageMax: 50,
  /** Posts shown on a profile page. */
  profilePosts: 30,
  /** People and groups one share sends to at once. */
  shareMaxRecipients: 20,
} as const;

/**
 * Every write and event but message sends (those are counted in the database, see
 * RATE_LIMIT): `points` actions per `seconds` per key (a user, or an address for sign-ups).
 * An operator may change any of them with RATE_LIMITS, e.g. `RATE_LIMITS=signup:1000,reaction:120`.
 */
export const WRITE_LIMITS = {
  /** Typing is relayed at most once per 2 s per member and conversation; the rest is dropped. */
  typing: { points: 1, seconds: 2 },
  reaction: { points: 60, seconds: 60 },
  edit: { points: 30, seconds: 60 },
  unsend: { points: 30, seconds: 60 },
  /** Group renames (and mutes) per user. */
  rename: { points: 10, seconds: 60 },
  /** Members added, removed or given a role, per acting user. */
  memberChange: { points: 30, seconds: 60 },
  report: { points: 10, seconds: 60 * 60 },
  follow: { points: 100, seconds: 60 * 60 },
  /** Accounts created per address. */
  signup: { points: 5, seconds: 60 * 60 },
  /** Personal access tokens and bots made, per acting user. */
  tokenCreate: { points: 20, seconds: 60 * 60 },
} as const;
export type WriteLimitName = keyof typeof WRITE_LIMITS;

export const SOCKETS = {
  /** Open sockets per user over all nodes; one more disconnects that user's oldest. Operator setting: SOCKETS_PER_USER. */
  perUser: 20,
} as const;

export const WEBHOOKS = {
  /** Hooks per user. */
  perUser: 10,
  urlMax: 2_000,
  /** Waits between attempts (then the last, repeated) until `retryForMs` after the event: about 24 h of tries. */
  retryDelaysMs: [10_000, 30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000, 2 * 60 * 60_000, 4 * 60 * 60_000],
  retryForMs: 24 * 60 * 60_000,
  /** One attempt's time for the receiver to answer. */
  timeoutMs: 10_000,
  /** How long a node holds a claimed delivery before another may try it. */
  claimMs: 60_000,
  /** Receivers should refuse a timestamp further than this from their clock (replay protection). */
  toleranceSeconds: 5 * 60,
  /** Deliveries shown in the log; kept in the database for `keepDeliveriesMs` after they end. */
  logShown: 50,
  keepDeliveriesMs: 7 * 24 * 60 * 60_000,
  /** How often each node looks for due deliveries. Operator setting: MURMUR_WEBHOOK_SWEEP_MS. */
  sweepMs: 2_000,
} as const;

/** Seq numbers and other integers the database keeps as 32-bit. */
export const INT32_MAX = 2_147_483_647;

/** Cursor paging of lists (the inbox, people search, room members): `?limit=` at most this. */
export const PAGING = {
  limitMax: 100,
} as const;
