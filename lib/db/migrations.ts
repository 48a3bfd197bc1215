/**
 * The schema, as TypeScript migrations listed in code (no directory scanning, so they work under
 * the Next.js bundler and tsx alike). The same migrations run on SQLite and PostgreSQL; the only
 * engine difference is how an auto-numbered id column is declared. Append new migrations to the
 * list with the next number; never edit one that has shipped.
 */
import {
  Migrator,
  sql,
  type CreateTableBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Db, Engine } from '@/lib/db/schema';

type SchemaDb = Kysely<unknown>;

/** An auto-numbered integer primary key `id`, declared the way each engine wants it. */
function withAutoId<TB extends string>(table: CreateTableBuilder<TB>, engine: Engine) {
  return engine === 'postgres'
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

function initialSchema(engine: Engine): Migration {
  return {
    async up(db: SchemaDb) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('auth_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('auth_sessions_user_id').on('auth_sessions').column('user_id').execute();
      await db.schema
        .createIndex('auth_sessions_expires_at')
        .on('auth_sessions')
        .column('expires_at')
        .execute();

      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('scheduled_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('waiting_room', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_participants', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(100)
            .check(sql`max_participants > 0`),
        )
        .addColumn('guests_can_share', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('meetings_owner_id').on('meetings').column('owner_id').execute();

      await withAutoId(db.schema.createTable('attendance'), engine)
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
        .addColumn('participant_id', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('joined_at', 'bigint', (c) => c.notNull())
        .addColumn('left_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('attendance_meeting_id')
        .on('attendance')
        .columns(['meeting_id', 'joined_at'])
        .execute();

      await withAutoId(db.schema.createTable('chat_messages'), engine)
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
        .addColumn('sender_id', 'text', (c) => c.notNull())
        .addColumn('sender_name', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('chat_messages_meeting_id')
        .on('chat_messages')
        .columns(['meeting_id', 'id'])
        .execute();

      await db.schema
        .createTable('revocations')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
        .addColumn('participant_id', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('revocations_pk', ['meeting_id', 'participant_id'])
        .execute();
    },
    async down(db: SchemaDb) {
      for (const table of [
        'revocations',
        'chat_messages',
        'attendance',
        'meetings',
        'auth_sessions',
        'users',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}

/**
 * Server-side recordings: one row per recording (its file lives in the recordings storage under
 * `storage_key`), and the meeting setting that allows recording (on for hosted meetings, off for
 * open ones).
 */
function recordings(): Migration {
  return {
    async up(db: SchemaDb) {
      await db.schema
        .alterTable('meetings')
        .addColumn('allow_recording', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await sql`update meetings set allow_recording = 0 where owner_id is null`.execute(db);
      await db.schema
        .createTable('recordings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
        .addColumn('started_by', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('duration_ms', 'bigint')
        .addColumn('size_bytes', 'bigint')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('storage_key', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createIndex('recordings_meeting_id')
        .on('recordings')
        .columns(['meeting_id', 'started_at'])
        .execute();
      await db.schema.createIndex('recordings_state').on('recordings').column('state').execute();
    },
    async down(db: SchemaDb) {
      await db.schema.dropTable('recordings').execute();
      await db.schema.alterTable('meetings').dropColumn('allow_recording').execute();
    },
  };
}

/** Every migration, by name; names sort in the order they apply. */
export function migrationsFor(engine: Engine): Record<string, Migration> {
  return {
    '0001_initial': initialSchema(engine),
    '0002_recordings': recordings(),
  };
}

export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
}

/** Brings the schema up to date. Safe to run from several nodes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Db, engine: Engine): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(engine) };
  const migrator = new Migrator({ db: db.withoutPlugins(), provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationFailedError(
      `database migration ${failed ? `"${failed.migrationName}" ` : ''}failed: ${reason}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
