package dev.quiver.json;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes the Arrow integration-testing JSON format (the {@code generated_*.json.gz} gold files).
 *
 * <p>Reading checks everything: JSON syntax (errors give line and column), the schema, every buffer against
 * its count, offsets, sizes, union type ids, run ends and dictionary indices. Errors are
 * {@link InvalidDataException}, {@link dev.quiver.UnsupportedFeatureException} (unknown type names) or
 * {@link LimitExceededException} (nesting deeper than {@value JsonParser#DEFAULT_MAX_DEPTH}, inputs over
 * {@value #MAX_TEXT_BYTES} bytes); their messages name the file, the position and the field.
 *
 * <p>Writing produces the layout of the gold files, so other Arrow implementations can read it.
 */
public final class IntegrationJson {
    /** Largest JSON text accepted, after decompression (1 GiB). */
    public static final long MAX_TEXT_BYTES = 1L << 30;

    private IntegrationJson() {}

    /** Reads a JSON file, gzip-compressed or not (detected from the magic bytes). I/O errors are unchecked. */
    public static JsonFile read(Path path) {
        String resource = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_TEXT_BYTES) {
                throw new LimitExceededException("file of " + size + " bytes is larger than " + MAX_TEXT_BYTES,
                        resource, -1);
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return read(bytes, resource);
    }

    /**
     * Reads JSON from {@code in} (to its end; a pipe is fine), gzip-compressed or not, at most
     * {@value #MAX_TEXT_BYTES} bytes; {@code resource} names it in messages. {@code in} is not closed.
     */
    public static JsonFile read(InputStream in, String resource) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(MAX_TEXT_BYTES, Integer.MAX_VALUE - 16) + 1);
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new LimitExceededException("input larger than " + MAX_TEXT_BYTES + " bytes", resource, MAX_TEXT_BYTES);
        }
        return read(bytes, resource);
    }

    private static JsonFile read(byte[] bytes, String resource) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
            bytes = gunzip(bytes, resource);
        } else if (resource.endsWith(".gz")) {
            throw new InvalidDataException("file ends in .gz but is not gzip-compressed", resource, 0);
        }
        return parse(decodeUtf8(bytes, resource), resource);
    }

    /** Reads a JSON document; {@code resourceName} names it in error messages. */
    public static JsonFile parse(String text, String resourceName) {
        JsonValue root = JsonParser.parse(text, resourceName);
        return new JsonFileReader(resourceName).read(root);
    }

    /**
     * Writes {@code file} as pretty-printed JSON, gzip-compressed when the name ends in {@code .gz}. The path is
     * never left half-written: as the IPC writers, through a {@link dev.quiver.io.SafeOutput}.
     */
    public static void write(JsonFile file, Path path) {
        boolean gzip = path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
        try (dev.quiver.io.SafeOutput target = dev.quiver.io.SafeOutput.open(path)) {
            write(file, target.outputStream(), gzip);
            target.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code file} as pretty-printed JSON to {@code out}, gzip-compressed or not; {@code out} is flushed, not closed. */
    public static void write(JsonFile file, OutputStream out, boolean gzip) throws IOException {
        OutputStream kept = new java.io.FilterOutputStream(out) {
            @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
            @Override public void close() throws IOException { flush(); }
        };
        try (OutputStream o = gzip ? new GZIPOutputStream(kept, 1 << 16) : kept;
             Writer writer = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16)) {
            write(file, writer);
        }
    }

    /** Writes {@code file} as pretty-printed JSON to {@code out} (not closed). */
    public static void write(JsonFile file, Appendable out) {
        new JsonFileWriter(new JsonWriter(out)).write(file);
    }

    /**
     * {@code schema} as the "schema" member of the integration JSON format (fields with name, type, nullable,
     * children, dictionary and metadata, as the gold files spell them), pretty-printed.
     */
    public static String schemaToJson(dev.quiver.type.Schema schema) {
        StringBuilder sb = new StringBuilder();
        new SchemaWriter(new JsonWriter(sb)).schema(schema);
        return sb.toString();
    }

    /** {@code file} as pretty-printed JSON text. */
    public static String toJson(JsonFile file) {
        StringBuilder sb = new StringBuilder();
        write(file, sb);
        return sb.toString();
    }

    private static byte[] gunzip(byte[] gz, String resource) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, gz.length * 4));
            byte[] chunk = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                total += n;
                if (total > MAX_TEXT_BYTES) {
                    throw new LimitExceededException("decompressed JSON is larger than " + MAX_TEXT_BYTES + " bytes",
                            resource, -1);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw new InvalidDataException("corrupt gzip data: " + e.getMessage(), resource, -1, null, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decodeUtf8(byte[] bytes, String resource) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDataException("the file is not valid UTF-8", resource, -1, null, e);
        }
    }
}
