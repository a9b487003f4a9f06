-- An operator can disable a client without deleting it: its credentials stop working
-- (ADVANCE's ACCOUNT_DISABLED) while its galleries, quota and usage records stay.
ALTER TABLE "clients" ADD COLUMN "disabled_at" TIMESTAMPTZ(3);
