// Demo data for a first start on an empty database: people in every age band,
// two creators either side of the chat-room follower line, fans and posts.
import type { Db } from "@/db/client";
import { hashPassword } from "@/domain/accounts/passwords";
import { isoDate } from "@/shared/age";
import { ROOMS } from "@/shared/limits";

export const DEMO_PASSWORD = "murmur-demo";

/** A birth date that makes someone `years` old today (and not about to have a birthday). */
export function birthDateForAge(years: number, now = new Date()): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 40);
  return isoDate(d);
}

export const DEMO_PEOPLE = [
  { username: "sam", displayName: "Sam Berger", age: 25, bio: "Coffee, climbing, bad puns." },
  { username: "alex", displayName: "Alex Novak", age: 31, bio: "Film nerd." },
  { username: "leo", displayName: "Leo Hartmann", age: 17, bio: "Skate videos every Friday." },
  { username: "mia", displayName: "Mia Schulz", age: 14, bio: "Drawing and dogs." },
  { username: "nova", displayName: "Nova Lights", age: 27, bio: "Dance tutorials & LIVE every Sunday ✨" },
  { username: "kai", displayName: "Kai Okafor", age: 23, bio: "Street food around Berlin." },
] as const;

const FAN_COUNT = ROOMS.creatorMinFollowers + 200; // nova gets all of them: above the line
const KAI_FAN_COUNT = ROOMS.creatorMinFollowers - 10; // kai stays just under it

// Images are SVG art; videos are 6-second clips made by scripts/make-demo-clips.mjs and
// committed under public/demo/posts (about 140 KB each), with a poster frame.
const POSTS = [
  { creator: "nova", kind: "video", title: "30-second warm-up", caption: "Follow along, then try the routine 💃", art: "pulse" },
  { creator: "nova", kind: "image", title: "Sunday LIVE: the new routine", caption: "Learn it with me this Sunday 🕺", art: "aurora" },
  { creator: "nova", kind: "image", title: "Behind the scenes", caption: "Rehearsal day", art: "sunset" },
  { creator: "nova", kind: "image", title: "Top 5 warm-ups", caption: "Save this for later!", art: "waves" },
  { creator: "kai", kind: "image", title: "Best Döner in Kreuzberg?", caption: "Ranked, honestly.", art: "grid" },
  { creator: "kai", kind: "image", title: "Market day", caption: "Saturday at Markthalle Neun", art: "dots" },
  { creator: "kai", kind: "video", title: "Night market lights", caption: "Sound off, vibes on.", art: "spiral" },
] as const;

export async function seedDemoData(db: Db, now = new Date()): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids: Record<string, string> = {};
  for (const p of DEMO_PEOPLE) {
    const user = await db.user.create({
      data: { username: p.username, displayName: p.displayName, bio: p.bio, passwordHash, birthDate: birthDateForAge(p.age, now) },
    });
    ids[p.username] = user.id;
  }
  await db.creatorProfile.createMany({
    data: [
      { userId: ids.nova, subscriptionsEnabled: true, fanClubEnabled: true },
      { userId: ids.kai, subscriptionsEnabled: false, fanClubEnabled: true },
    ],
  });

  // Fans: accounts that cannot log in ("!" is no argon2 hash), following the creators.
  const fanBirth = birthDateForAge(20, now);
  const fanIds: string[] = [];
  for (let start = 0; start < FAN_COUNT; start += 2000) {
    const batch = Array.from({ length: Math.min(2000, FAN_COUNT - start) }, (_, i) => {
      const n = String(start + i + 1).padStart(5, "0");
      return { id: `demofan${n}`, username: `fan${n}`, displayName: `Fan ${n}`, passwordHash: "!", birthDate: fanBirth };
    });
    await db.user.createMany({ data: batch });
    fanIds.push(...batch.map((f) => f.id));
  }

  const follows: { followerId: string; followeeId: string }[] = [
    ...fanIds.map((id) => ({ followerId: id, followeeId: ids.nova })),
    ...fanIds.slice(0, KAI_FAN_COUNT - 2).map((id) => ({ followerId: id, followeeId: ids.kai })),
    // Friends are mutual follows.
    { followerId: ids.sam, followeeId: ids.leo },
    { followerId: ids.leo, followeeId: ids.sam },
    { followerId: ids.sam, followeeId: ids.alex },
    { followerId: ids.alex, followeeId: ids.sam },
    { followerId: ids.alex, followeeId: ids.leo },
    { followerId: ids.leo, followeeId: ids.mia },
    { followerId: ids.mia, followeeId: ids.leo },
    { followerId: ids.sam, followeeId: ids.nova },
    { followerId: ids.leo, followeeId: ids.nova },
    { followerId: ids.sam, followeeId: ids.kai },
    { followerId: ids.alex, followeeId: ids.kai },
  ];
  for (let i = 0; i < follows.length; i += 5000) {
    await db.follow.createMany({ data: follows.slice(i, i + 5000) });
  }
  // The counters are kept with the follow rows; set them once from what was just written.
  const counts = new Map<string, { followers: number; following: number }>();
  const bump = (id: string, key: "followers" | "following") => {
    const c = counts.get(id) ?? { followers: 0, following: 0 };
    c[key] += 1;
    counts.set(id, c);
  };
  for (const f of follows) {
    bump(f.followeeId, "followers");
    bump(f.followerId, "following");
  }
  for (const [id, c] of counts) {
    if (!id.startsWith("demofan")) await db.user.update({ where: { id }, data: { followerCount: c.followers, followingCount: c.following } });
  }
  await db.user.updateMany({ where: { id: { startsWith: "demofan" } }, data: { followingCount: 1 } });
  await db.user.updateMany({ where: { id: { in: fanIds.slice(0, KAI_FAN_COUNT - 2) } }, data: { followingCount: 2 } });

  await db.subscription.create({ data: { subscriberId: ids.sam, creatorId: ids.nova } });
  await db.fanClubMembership.create({ data: { fanId: ids.leo, creatorId: ids.nova } });

  for (const [i, p] of POSTS.entries()) {
    await db.post.create({
      data: {
        creatorId: ids[p.creator],
        kind: p.kind,
        title: p.title,
        caption: p.caption,
        mediaUrl: p.kind === "video" ? `/demo/posts/${p.art}.mp4` : `/demo/posts/${p.art}.svg`,
        thumbnailUrl: p.kind === "video" ? `/demo/posts/${p.art}.jpg` : `/demo/posts/${p.art}.svg`,
        durationMs: p.kind === "video" ? 6000 : null,
        createdAt: new Date(now.getTime() - (POSTS.length - i) * 3_600_000),
      },
    });
  }
  return true;
}
