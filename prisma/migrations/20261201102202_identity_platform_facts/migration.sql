-- AlterTable
ALTER TABLE "Identity" ADD COLUMN     "platformAdmin" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "platformZone" TEXT;

-- Until now each member had one identity, and the member row held its platform facts.
UPDATE "Identity" i SET "platformZone" = m."platformZone", "platformAdmin" = m."platformAdmin" FROM "Member" m WHERE m.id = i."memberId";
-- "isOrganiser" now means organiser by grant; by right is the account's "platformAdmin". Admins met before
-- this change had "isOrganiser" set by right too: it stays set, so nobody loses a right they had.
