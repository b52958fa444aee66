package dev.berth.engine.metadata;

import dev.berth.common.errors.BerthException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SQLite-backed metadata. berthd is the only writer, so one connection behind one lock is enough;
 * multi-row changes go through {@link #transaction}.
 */
public final class MetadataStore implements AutoCloseable {
    private static final int SCHEMA_VERSION = 6;
    private final Connection db;
    private final ReentrantLock lock = new ReentrantLock();

    public MetadataStore(Path file) {
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("CREATE TABLE IF NOT EXISTS layers (chain_id TEXT PRIMARY KEY, diff_id TEXT NOT NULL, parent TEXT, size INTEGER NOT NULL, link TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS images (id TEXT PRIMARY KEY, config_digest TEXT NOT NULL, created INTEGER NOT NULL, size INTEGER NOT NULL, tagged_at INTEGER NOT NULL DEFAULT 0)");
                s.execute("CREATE TABLE IF NOT EXISTS tags (ref TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id))");
                // v3: the name@digest references a pull recorded (RepoDigests); older databases just gain the table
                s.execute("CREATE TABLE IF NOT EXISTS repo_digests (ref TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id))");
                // v5: compressed blobs known for a layer (pulled from, or pushed to, domain/repository)
                s.execute("CREATE TABLE IF NOT EXISTS layer_blobs (diff_id TEXT NOT NULL, digest TEXT NOT NULL, size INTEGER NOT NULL, media_type TEXT NOT NULL, domain TEXT NOT NULL, repository TEXT NOT NULL, PRIMARY KEY (diff_id, digest, domain, repository))");
                // v6: the image a commit was made from (Parent in inspect); older databases just gain the table
                s.execute("CREATE TABLE IF NOT EXISTS image_parents (image_id TEXT PRIMARY KEY REFERENCES images(id), parent_id TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS containers (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created INTEGER NOT NULL, spec TEXT NOT NULL, state TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS volumes (name TEXT PRIMARY KEY, driver TEXT NOT NULL, created INTEGER NOT NULL, labels TEXT NOT NULL, options TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS networks (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created INTEGER NOT NULL, config TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS endpoints (container_id TEXT NOT NULL, network_id TEXT NOT NULL, seq INTEGER NOT NULL, attachment TEXT NOT NULL, PRIMARY KEY (container_id, network_id))");
                s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
            }
        } catch (SQLException e) {
            throw new BerthException.Internal("cannot open metadata database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction; any exception rolls it back. */
    public <T> T transaction(java.util.function.Supplier<T> work) {
        lock.lock();
        try {
            boolean outer = db.getAutoCommit();
            if (outer) db.setAutoCommit(false);
            try {
                T result = work.get();
                if (outer) db.commit();
                return result;
            } catch (RuntimeException e) {
                if (outer) db.rollback();
                throw e;
            } finally {
                if (outer) db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new BerthException.Internal("metadata transaction failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** A row mapper that may throw SQLException. */
    public interface Rows<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public int update(String sql, Object... args) {
        lock.lock();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed")) {
                throw new BerthException.AlreadyExists(e.getMessage());
            }
            throw new BerthException.Internal("metadata update failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    public <T> List<T> query(String sql, Rows<T> rows, Object... args) {
        lock.lock();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            bind(ps, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rows.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new BerthException.Internal("metadata query failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    public <T> Optional<T> queryOne(String sql, Rows<T> rows, Object... args) {
        List<T> all = query(sql, rows, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing left to do
        } finally {
            lock.unlock();
        }
    }
}
