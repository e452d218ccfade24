package org.dualpath.projection;

import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.Embeddings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An index as one Parquet file for other tools (pandas, DuckDB, Embedding Atlas, latent-scope): a row per image and
 * per caption with {@code id, kind, image_id, file_name, caption, categories, split, vector} and, from a map's CSV
 * ({@link MapExport#writeCsv}) or a layout in memory, {@code x, y}, the colour {@code group} and the map's regions
 * ({@link MapRegions}) as {@code cluster, label, fine_cluster, fine_label}. DuckDB writes the file and reads the CSV.
 */
public final class ParquetExport {
    private static final int BATCH = 2048;

    private ParquetExport() {
    }

    /** What was written: rows of each kind, their dimension, and whether a map was given and how many rows it placed. */
    public record Summary(int images, int captions, int dimension, boolean mapped, int placed) {
        /** One line for the user, the same from the command line and the explorer. */
        public String describe(Path out) {
            return String.format(Locale.ROOT, "wrote %s: %d images, %d captions, %d-d vectors%s", out, images, captions,
                    dimension, mapped ? ", " + placed + " rows placed by the map" : "");
        }
    }

    /** The map's columns, after {@code kind, id}, as the export's tables hold them. */
    private static final String MAP_COLUMNS = "x DOUBLE, y DOUBLE, \"group\" VARCHAR, cluster INTEGER, label VARCHAR, "
            + "fine_cluster INTEGER, fine_label VARCHAR";
    private static final String[] REGION_COLUMNS = {"cluster", "label", "fine_cluster", "fine_label"};

    /** The map's coordinates as a table {@code map(kind, id, MAP_COLUMNS)} in the export's database. */
    @FunctionalInterface
    private interface MapTable {
        void create(Connection db) throws SQLException;
    }

    /**
     * Writes {@code out} atomically; {@code mapCsv} (may be null), a map's CSV ({@link MapExport#writeCsv}), adds the
     * map's coordinates and groups. Reports rows through {@code progress} and stops when it is cancelled.
     */
    public static Summary write(EmbeddingStore store, Dataset dataset, Path mapCsv, Path out, Progress progress) {
        if (mapCsv == null) {
            return write(store, dataset, null, "", out, progress);
        }
        String header = mapHeader(mapCsv);
        StringBuilder columns = new StringBuilder("kind, id, x, y, ")
                .append(header.contains(",group") ? "\"group\"" : "NULL AS \"group\"");
        boolean regions = header.contains(",cluster,label");
        for (String column : REGION_COLUMNS) {
            columns.append(", ").append(regions ? column : "NULL AS " + column);
        }
        return write(store, dataset, db -> {
            try (Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE map (kind VARCHAR, id BIGINT, " + MAP_COLUMNS + ")");
                sql.execute("INSERT INTO map SELECT " + columns + " FROM read_csv(" + literal(mapCsv)
                        + ", comment = '#', header = true, all_varchar = false)");
            }
        }, "; check the map file " + mapCsv, out, progress);
    }

    /**
     * As {@link #write(EmbeddingStore, Dataset, Path, Path, Progress)} with a map in memory (the explorer's layout):
     * {@code layout} of {@code points}, each point's colour group and its regions ({@code groups} and {@code regions}
     * may be null).
     */
    public static Summary write(EmbeddingStore store, Dataset dataset, MapPoints points, MapLayout layout, String[] groups,
                                MapRegions regions, Path out, Progress progress) {
        return write(store, dataset, db -> {
            try (Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE map (kind VARCHAR, id BIGINT, " + MAP_COLUMNS + ")");
            }
            try (PreparedStatement row = db.prepareStatement("INSERT INTO map VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < points.size(); i++) {
                    row.setString(1, points.kind(i) == MapPoints.Kind.IMAGE ? "image" : "caption");
                    row.setLong(2, points.id(i));
                    row.setDouble(3, layout.x()[i]);
                    row.setDouble(4, layout.y()[i]);
                    row.setString(5, groups == null ? null : groups[i]);
                    int column = 6;
                    for (int level = 0; level < 2; level++) {
                        if (regions == null) {
                            row.setNull(column++, Types.INTEGER);
                            row.setNull(column++, Types.VARCHAR);
                        } else {
                            MapRegions.Level at = regions.levels().get(level);
                            int cluster = at.clusters().cluster(i);
                            row.setInt(column++, cluster);
                            row.setString(column++, at.label(cluster));
                        }
                    }
                    row.addBatch();
                }
                row.executeBatch();
            }
        }, "", out, progress);
    }

    private static Summary write(EmbeddingStore store, Dataset dataset, MapTable map, String mapHint, Path out,
                                 Progress progress) {
        Path partial = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".partial.parquet");
        Embeddings images = store.images();
        Embeddings captions = store.captions();
        long total = (long) images.size() + captions.size();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE rows (id BIGINT, kind VARCHAR, image_id BIGINT, file_name VARCHAR, caption VARCHAR, "
                    + "categories VARCHAR[], split VARCHAR, vector FLOAT[], " + MAP_COLUMNS + ")");
            try (PreparedStatement row = db.prepareStatement(
                    "INSERT INTO rows (id, kind, image_id, file_name, caption, categories, split, vector) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int r = 0; r < images.size(); r++) {
                    add(db, row, images.id(r), "image", dataset, images.id(r), null, images.row(r), r, total, progress);
                }
                Map<Long, String> texts = captionTexts(dataset);
                for (int r = 0; r < captions.size(); r++) {
                    add(db, row, captions.id(r), "caption", dataset, store.captionImageId(r),
                            texts.get(captions.id(r)), captions.row(r), images.size() + r, total, progress);
                }
                row.executeBatch();
            }
            int placed = 0;
            if (map != null) {
                map.create(db);
                placed = sql.executeUpdate("UPDATE rows SET x = map.x, y = map.y, \"group\" = map.\"group\", "
                        + "cluster = map.cluster, label = map.label, fine_cluster = map.fine_cluster, "
                        + "fine_label = map.fine_label FROM map WHERE rows.kind = map.kind AND rows.id = map.id");
            }
            progress.update(total, total, "writing " + out.getFileName());
            progress.checkCancelled();
            Files.deleteIfExists(partial);
            sql.execute("COPY (SELECT * FROM rows ORDER BY kind DESC, id) TO " + literal(partial)
                    + " (FORMAT PARQUET, COMPRESSION ZSTD)");
            AtomicFiles.move(partial, out);
            return new Summary(images.size(), captions.size(), images.dimension(), map != null, placed);
        } catch (SQLException e) {
            throw new InputException(out + ": the Parquet file could not be written (" + e.getMessage().strip()
                    .lines().findFirst().orElse("") + ")" + mapHint);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // the hidden partial file is all that is left; the next export replaces it
            }
        }
    }

    private static void add(Connection db, PreparedStatement row, long id, String kind, Dataset dataset, long imageId,
                            String caption, float[] vector, long count, long total, Progress progress)
            throws SQLException {
        CocoImage image = dataset.image(imageId);
        row.setLong(1, id);
        row.setString(2, kind);
        row.setLong(3, imageId);
        row.setString(4, image == null ? null : image.fileName());
        row.setString(5, caption);
        row.setArray(6, db.createArrayOf("VARCHAR", dataset.categories(imageId).stream()
                .map(c -> c.category().name()).distinct().toArray()));
        row.setString(7, image == null ? null : dataset.split(imageId).id());
        Float[] boxed = new Float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            boxed[i] = vector[i];
        }
        row.setArray(8, db.createArrayOf("FLOAT", boxed));
        row.addBatch();
        if ((count + 1) % BATCH == 0) {
            row.executeBatch();
            progress.checkCancelled();
            progress.update(count + 1, total, "rows");
        }
    }

    private static Map<Long, String> captionTexts(Dataset dataset) {
        Map<Long, String> texts = new HashMap<>();
        for (CocoImage image : dataset.images()) {
            for (CocoCaption c : dataset.captions(image.id())) {
                texts.put(c.id(), c.caption());
            }
        }
        return texts;
    }

    /** The CSV's header line, checked to be the map's ({@code kind,id,image_id,x,y[,group][,cluster,label,...]}). */
    private static String mapHeader(Path csv) {
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            String line = in.readLine();
            while (line != null && line.startsWith("#")) {
                line = in.readLine();
            }
            if (line == null || !line.startsWith(MapExport.CSV_HEADER)) {
                throw new InputException(csv + ": not a map's coordinates (the header should be "
                        + MapExport.CSV_HEADER + "[,group]); write one with 'dualpath map --out FILE.csv'");
            }
            return line;
        } catch (IOException e) {
            throw new InputException(csv + ": cannot be read (" + e.getMessage() + "); check the path");
        }
    }

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
