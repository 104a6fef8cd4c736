-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "announceChannel" JSONB;
