import { MigrationInterface, QueryRunner } from "typeorm";

export class Albums1700000000001 implements MigrationInterface {
    name = 'Albums1700000000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "album" ("id" integer PRIMARY KEY)`);
        await queryRunner.query(`ALTER TABLE "photo" ADD "albumId" integer`);
        await queryRunner.query(`ALTER TABLE "photo" ADD CONSTRAINT "FK_photo_album" FOREIGN KEY ("albumId") REFERENCES "album"("id") ON DELETE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "album"`);
        await queryRunner.query(`ALTER TABLE "photo" DROP COLUMN "albumId"`);
    }
}
