-- oracle: drizzle-kit's DO blocks, one per foreign key on one table, each judged on its own as PostgreSQL runs it:
-- oracle: an error the handler does not catch (42P01, 42804, 42830, 42703) rejects the DO; one it catches makes it a
-- oracle: no-op; the FKs the blocks make are checked like any other (FK404), whatever came before them
-- expect: FK101 FK201 FK103 FK102 FK404
CREATE TABLE "users" ("id" integer PRIMARY KEY, "code" integer);
CREATE TABLE "posts" ("id" integer PRIMARY KEY, "author_id" integer, "editor_id" text, "cat_id" integer, "tag_id" integer);
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
-- A missing table is not `duplicate_object`: 42P01 rejects the block.
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_cat_id_categories_id_fk" FOREIGN KEY ("cat_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
-- text to integer: 42804.
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
-- no unique key on users.code: 42830.
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_tag_id_users_code_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."users"("code") ON DELETE no action ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
-- a missing referenced column: 42703.
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_tag_id_users_uid_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."users"("uid") ON DELETE no action ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
-- The same block again: 42710, caught, nothing happens (one key, not two).
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
-- Handlers that do catch the error: by name, by SQLSTATE, by class, OTHERS.
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_cat_id_nope_fk" FOREIGN KEY ("cat_id") REFERENCES "public"."nope"("id");
EXCEPTION
 WHEN duplicate_object OR undefined_table THEN null;
END $$;
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_editor_id_fk2" FOREIGN KEY ("editor_id") REFERENCES "public"."users"("id");
EXCEPTION
 WHEN SQLSTATE '42804' THEN null;
END $$;
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_tag_id_fk3" FOREIGN KEY ("tag_id") REFERENCES "public"."users"("code");
EXCEPTION
 WHEN syntax_error_or_access_rule_violation THEN RAISE NOTICE 'skipped';
END $$;
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_tag_id_fk4" FOREIGN KEY ("tag_id") REFERENCES "public"."users"("uid");
EXCEPTION
 WHEN others THEN null;
END $$;
-- A valid key after all of those is still checked: no index leads with tag_id (FK404).
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_tag_id_users_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
