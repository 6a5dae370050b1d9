import type { MemberView } from "@/client/chat/types";

/** A person's picture, or their initial on the accent gradient. */
export function Avatar({ person, size = 40 }: { person: Pick<MemberView, "displayName" | "avatarUrl"> | undefined; size?: number }) {
  const style = { width: size, height: size, fontSize: size * 0.42 };
  if (person?.avatarUrl) {
    // eslint-disable-next-line @next/next/no-img-element
    return <img className="avatar chat-avatar" src={person.avatarUrl} alt="" style={style} />;
  }
  return (
    <span className="avatar chat-avatar" aria-hidden="true" style={style}>
      {(person?.displayName ?? "?").trim().charAt(0).toUpperCase()}
    </span>
  );
}

/** Two overlapping avatars for a group, one for a 1:1. */
export function ConversationAvatar({ people, size = 48 }: { people: MemberView[]; size?: number }) {
  if (people.length < 2) return <Avatar person={people[0]} size={size} />;
  return (
    <span className="chat-avatar-stack" style={{ width: size, height: size }} aria-hidden="true">
      <Avatar person={people[0]} size={size * 0.7} />
      <Avatar person={people[1]} size={size * 0.7} />
    </span>
  );
}
