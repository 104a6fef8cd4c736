-- AlterTable
ALTER TABLE "Nomination" ADD COLUMN     "seq" SERIAL NOT NULL;

-- Rows already there are numbered by time, then member id (until now ties came out in whatever order the plan
-- gave); new rows follow.
UPDATE "Nomination" n SET "seq" = o.rn
FROM (SELECT "electionId", "memberId", row_number() OVER (ORDER BY "at", "memberId") AS rn FROM "Nomination") o
WHERE n."electionId" = o."electionId" AND n."memberId" = o."memberId";
SELECT setval(pg_get_serial_sequence('"Nomination"', 'seq'), COALESCE((SELECT max("seq") FROM "Nomination"), 0) + 1, false);
