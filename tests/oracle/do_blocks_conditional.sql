-- oracle: DDL under IF in a DO block: the foreign key it adds is checked like any other (FK404 on it and on the
-- oracle: table's other keys), and a later block on the same table is still judged
-- expect: FK404 FK201
CREATE TABLE teams (id bigint PRIMARY KEY, code text UNIQUE);
CREATE TABLE members (id bigint PRIMARY KEY, team_id bigint, team_code text, backup_team_id text);
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'members_team_fk') THEN
    ALTER TABLE members ADD CONSTRAINT members_team_fk FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE;
  END IF;
END
$$;
DO $$
DECLARE
  n int;
BEGIN
  SELECT count(*) INTO n FROM pg_constraint WHERE conname = 'members_team_code_fk';
  IF n = 0 THEN
    ALTER TABLE members ADD CONSTRAINT members_team_code_fk FOREIGN KEY (team_code) REFERENCES teams (code);
  END IF;
END
$$;
DO $$ BEGIN
  ALTER TABLE members ADD CONSTRAINT members_backup_fk FOREIGN KEY (backup_team_id) REFERENCES teams (id);
EXCEPTION
  WHEN duplicate_object THEN null;
END $$;
