-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "policyVersion" INTEGER NOT NULL DEFAULT 0;


-- The policy version's triggers (see the comment on Conversation.policyVersion). Written by
-- hand: Prisma does not model triggers. src/db/policy-triggers.test.ts checks that they fire.
-- Prisma's PostgreSQL adapter splits a migration at every semicolon, so the functions' bodies
-- are escaped strings with each semicolon written as \073.
-- Conversations are locked in id order, as the message batch locks them, so that a settings
-- change and a batch never deadlock.
CREATE FUNCTION "murmur_bump_policy"(ids text[]) RETURNS void LANGUAGE plpgsql AS E'BEGIN
  PERFORM 1 FROM "Conversation" WHERE "id" = ANY(ids) ORDER BY "id" FOR UPDATE\073
  UPDATE "Conversation" SET "policyVersion" = "policyVersion" + 1 WHERE "id" = ANY(ids)\073
END';
CREATE FUNCTION "murmur_policy_member"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF TG_OP = ''INSERT'' THEN PERFORM "murmur_bump_policy"(ARRAY[NEW."conversationId"])\073
  ELSIF TG_OP = ''DELETE'' THEN PERFORM "murmur_bump_policy"(ARRAY[OLD."conversationId"])\073
  ELSE PERFORM "murmur_bump_policy"(ARRAY[OLD."conversationId", NEW."conversationId"])\073
  END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER "policy_member_insert_delete" AFTER INSERT OR DELETE ON "ConversationMember"
  FOR EACH ROW EXECUTE FUNCTION "murmur_policy_member"();
CREATE TRIGGER "policy_member_update" AFTER UPDATE ON "ConversationMember" FOR EACH ROW
  WHEN (OLD."role" IS DISTINCT FROM NEW."role" OR OLD."state" IS DISTINCT FROM NEW."state" OR OLD."leftAt" IS DISTINCT FROM NEW."leftAt" OR OLD."muted" IS DISTINCT FROM NEW."muted"
    OR OLD."hiddenUpToSeq" IS DISTINCT FROM NEW."hiddenUpToSeq" OR OLD."joinedAt" IS DISTINCT FROM NEW."joinedAt" OR OLD."userId" IS DISTINCT FROM NEW."userId" OR OLD."conversationId" IS DISTINCT FROM NEW."conversationId")
  EXECUTE FUNCTION "murmur_policy_member"();
CREATE FUNCTION "murmur_policy_user"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM "murmur_bump_policy"(ARRAY(SELECT "conversationId" FROM "ConversationMember" WHERE "userId" = NEW."id"))\073
  RETURN NULL\073
END';
CREATE TRIGGER "policy_user_update" AFTER UPDATE ON "User" FOR EACH ROW
  WHEN (OLD."username" IS DISTINCT FROM NEW."username" OR OLD."displayName" IS DISTINCT FROM NEW."displayName" OR OLD."avatarUrl" IS DISTINCT FROM NEW."avatarUrl" OR OLD."birthDate" IS DISTINCT FROM NEW."birthDate"
    OR OLD."dmPolicy" IS DISTINCT FROM NEW."dmPolicy" OR OLD."nudityFilter" IS DISTINCT FROM NEW."nudityFilter" OR OLD."isBot" IS DISTINCT FROM NEW."isBot")
  EXECUTE FUNCTION "murmur_policy_user"();

-- A block or a follow between two people: their 1:1, whichever of them sorts first.
CREATE FUNCTION "murmur_policy_pair"() RETURNS trigger LANGUAGE plpgsql AS E'DECLARE a text\073 b text\073
BEGIN
  IF TG_TABLE_NAME = ''UserBlock'' THEN
    IF TG_OP = ''DELETE'' THEN a := OLD."blockerId"\073 b := OLD."blockedId"\073 ELSE a := NEW."blockerId"\073 b := NEW."blockedId"\073 END IF\073
  ELSE
    IF TG_OP = ''DELETE'' THEN a := OLD."followerId"\073 b := OLD."followeeId"\073 ELSE a := NEW."followerId"\073 b := NEW."followeeId"\073 END IF\073
  END IF\073
  PERFORM "murmur_bump_policy"(ARRAY(SELECT "id" FROM "Conversation" WHERE "directKey" IN (a || '':'' || b, b || '':'' || a)))\073
  RETURN NULL\073
END';
CREATE TRIGGER "policy_block" AFTER INSERT OR DELETE ON "UserBlock" FOR EACH ROW EXECUTE FUNCTION "murmur_policy_pair"();
CREATE TRIGGER "policy_follow" AFTER INSERT OR DELETE ON "Follow" FOR EACH ROW EXECUTE FUNCTION "murmur_policy_pair"();
