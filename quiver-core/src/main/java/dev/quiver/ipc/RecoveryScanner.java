package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.QuiverException;
import dev.quiver.array.MemoryOwner;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecoveryReport.BatchPart;
import dev.quiver.ipc.RecoveryReport.DictionaryPart;
import dev.quiver.ipc.RecoveryReport.Part;
import dev.quiver.ipc.RecoveryReport.SchemaPart;
import dev.quiver.memory.LE;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.validate.ValidationLevel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The scanning logic of {@link Recovery}: walks the messages of damaged IPC bytes in memory, decodes each with
 * the stages the readers use ({@link MessageFraming}, {@link dev.quiver.metadata.MessageCodec},
 * {@link StreamState} and through it {@link BatchAssembler}, FULL validation, {@link FileFooter}), and records
 * every range of the input as kept or lost. Pure: no I/O, the caller brings the bytes.
 *
 * <p>The rules (documented for users on {@link Recovery}):
 * <ul>
 *   <li>Messages are read in order from the start of the stream (byte 0 of a stream, byte 8 of a file). A file's
 *       footer, when it is intact, bounds the stream part and its block offsets are trusted places to resume.</li>
 *   <li>Where a message cannot be read, the scan resumes at the next byte where one can: a continuation marker
 *       followed by metadata that verifies, a body that fits and a message that decodes and validates (or, in
 *       a file with an intact footer, any block the footer lists). Where a message was read but its body did not
 *       decode, the scan goes on after its declared body when a message starts there, else it searches from the
 *       end of its metadata, in case its body length is what was damaged. Input framed as before Arrow 0.15 (no
 *       continuation markers) is not resynchronised. The search examines a bounded number of bytes in all.</li>
 *   <li>Dictionaries are replayed in order, deltas and replacements alike. A dictionary batch that is lost makes
 *       its id lost; a delta to a lost id is lost too; a record batch that needs a lost id is lost. After bytes
 *       that could not be read, a stream's dictionaries are lost until replaced (the bytes may have held a
 *       replacement); a file's stay usable (a file can only append to them), but a later delta is lost, since
 *       an earlier one may have been in the bytes skipped. A file's dictionary replacement is lost, as the file
 *       format allows only deltas.</li>
 * </ul>
 */
final class RecoveryScanner {
    /** A message whose metadata was read at {@code offset}; its body may run past the input. */
    private record Framed(long offset, Message message, long bodyOffset) {
        long end() { return bodyOffset + message.bodyLength(); }
    }

    /** An end-of-stream marker of {@code length} bytes (8, or 4 in the legacy framing). */
    private record EndMarker(long offset, int length) {}

    /** A message found by searching: what it decoded to, or why it did not (for a footer block). */
    private record Candidate(Framed framed, StreamState.Decoded decoded, QuiverException failure) {}

    private final MemorySegment data;
    private final String resource;
    private final IpcReadOptions options;
    private final MemoryOwner owner;
    private final RecoveryReport.Format format;
    private final FileFooter.Located footer;
    private final String footerProblem;
    /** Where the stream part ends: the footer of an intact file, else the end of the input. */
    private final long limit;
    /** Offsets of the blocks an intact footer lists, sorted. */
    private final long[] vouched;
    private final StreamState state;
    private final List<Part> parts = new ArrayList<>();
    /** Dictionary ids whose current values cannot be trusted, with the reason. */
    private final Map<Long, String> untrusted = new HashMap<>();
    /** In a file: dictionary ids to which a delta may have been lost (in bytes skipped), with the reason. */
    private final Map<Long, String> deltaUnsafe = new HashMap<>();
    /** Ids that have had a full dictionary. */
    private final Set<Long> seen = new HashSet<>();
    private DictionaryMemo fields;
    private SortedSet<Long> batchIds;
    private boolean markers = true;
    private long pos;
    /** The last message settled (kept or lost): while {@code pos} is its declared end, that end is unproven. */
    private Framed last;
    /** Whether every message read so far sits where an intact footer's blocks say (false without a footer). */
    private boolean footerAgrees;
    /** A message found while establishing the schema, to be settled by the first {@link #next()}. */
    private Candidate pending;
    private long pendingFrom;
    private int batchIndex;
    private long budget;
    private boolean gaveUp;
    private boolean ended;
    private boolean complete;

    RecoveryScanner(MemorySegment data, String resource, IpcReadOptions options, MemoryOwner owner) {
        this(data, resource, options, owner, (64L << 20) + 8 * data.byteSize());
    }

    /** @param budget bytes of metadata and bodies the searches for a next message may examine in all */
    RecoveryScanner(MemorySegment data, String resource, IpcReadOptions options, MemoryOwner owner, long budget) {
        this.data = data;
        this.resource = resource;
        this.options = options.withValidation(ValidationLevel.FULL);
        this.owner = owner;
        long size = data.byteSize();
        this.budget = budget;
        this.format = detect(data);
        FileFooter.Located located = null;
        String problem = null;
        if (format == RecoveryReport.Format.FILE) {
            long start = Math.min(Framing.FILE_MAGIC_PADDED.length, size);
            parts.add(new RecoveryReport.MagicPart(0, start, FileFooter.startsWithMagic(data) ? null
                    : "the file does not start with ARROW1 (recognised by its end)"));
            pos = start;
            try {
                located = FileFooter.read(data, resource, this.options.limits());
            } catch (QuiverException e) {
                problem = e.getMessage();
            }
        }
        this.footer = located;
        this.footerProblem = problem;
        this.limit = located != null ? located.offset() : size;
        TreeSet<Long> blocks = new TreeSet<>();
        if (located != null) {
            for (Block b : located.footer().dictionaries()) blocks.add(b.offset());
            for (Block b : located.footer().recordBatches()) blocks.add(b.offset());
        }
        this.vouched = blocks.subSet(pos, limit).stream().mapToLong(Long::longValue).toArray();
        this.footerAgrees = located != null;
        this.state = new StreamState(resource, this.options, owner);
        establishSchema();
    }

    /** A file when the bytes start with {@code ARROW1}, or end with it and do not start like a stream. */
    private static RecoveryReport.Format detect(MemorySegment data) {
        if (FileFooter.startsWithMagic(data)) return RecoveryReport.Format.FILE;
        boolean streamLike = data.byteSize() >= 4 && MessageFraming.isContinuation(data.get(LE.INT, 0));
        return FileFooter.endsWithMagic(data) && !streamLike && data.byteSize() >= 18
                ? RecoveryReport.Format.FILE : RecoveryReport.Format.STREAM;
    }

    RecoveryReport.Format format() { return format; }

    Schema schema() { return state.schema(); }

    /** The custom metadata of an intact footer, else empty. */
    Map<String, String> footerMetadata() {
        return footer == null ? Map.of() : footer.footer().metadata();
    }

    RecoveryReport report() {
        return new RecoveryReport(resource, format, data.byteSize(), state.schema(), parts, complete);
    }

    /** The next kept record batch (decoded and validated FULL), or null once the whole input is scanned. */
    RecordBatch next() {
        if (pending != null) {
            Candidate c = pending;
            pending = null;
            RecordBatch b = resume(c, pendingFrom);
            if (b != null) return b;
        }
        while (!ended) {
            RecordBatch b = step();
            if (b != null) return b;
        }
        if (!complete) finish();
        return null;
    }

    // ---- the schema ---------------------------------------------------------------------------

    /**
     * Reads the schema message at the start; when it cannot be read, takes an intact footer's schema, or else
     * searches the input for a schema message.
     *
     * @throws InvalidDataException when there is no schema to recover anything with
     */
    private void establishSchema() {
        QuiverException problem;
        Framed known = null;
        try {
            Object f = frameAt(pos);
            if (f instanceof Framed fr && fr.message().header() instanceof MessageHeader.SchemaHeader) {
                known = fr;
                if (!fits(fr)) throw cutShort(fr);
                decode(fr);
                parts.add(new SchemaPart(fr.offset(), fr.end() - fr.offset(), null));
                markers = MessageFraming.isContinuation(data.get(LE.INT, fr.offset()));
                schemaKnown();
                pos = fr.end();
                return;
            }
            throw new InvalidDataException(f instanceof Framed fr
                    ? "the first message is " + BatchAssembler.kind(fr.message()) + ", not the schema message"
                    : "an end-of-stream marker where the schema message should be", resource, pos);
        } catch (QuiverException e) {
            problem = e;
        }
        if (footer != null) {
            try {
                state.accept(new Message(footer.footer().version(),
                        new MessageHeader.SchemaHeader(footer.footer().schema()), 0, Map.of()), pos,
                        MemorySegment.ofArray(new byte[0]), pos, null);
            } catch (QuiverException e) {
                throw nothing(problem, " and the footer's schema is invalid too");
            }
            schemaKnown();
            // a message other than the schema at the start is read as any other
            Candidate c = search(known != null ? known.bodyOffset() : pos);
            long to = c == null ? limit : c.framed().offset();
            String lost = problem.getMessage() + "; the footer's schema is used instead";
            if (to > pos) {
                parts.add(known != null ? new SchemaPart(pos, to - pos, lost)
                        : new RecoveryReport.UnreadablePart(pos, to - pos, lost));
            }
            pending = c;
            pendingFrom = pos;
            if (c == null) {
                pos = limit;
                ended = true;
            }
            return;
        }
        Candidate c = search(pos + 1);
        if (c == null) {
            throw nothing(problem, format == RecoveryReport.Format.FILE ? " and the footer is unreadable" : "");
        }
        parts.add(new RecoveryReport.UnreadablePart(pos, c.framed().offset() - pos, problem.getMessage()));
        parts.add(new SchemaPart(c.framed().offset(), c.framed().end() - c.framed().offset(), null));
        schemaKnown();
        pos = c.framed().end();
    }

    private InvalidDataException nothing(QuiverException problem, String footerNote) {
        return new InvalidDataException("nothing can be recovered: no schema message can be read" + footerNote + ": "
                + problem.detail(), resource, problem.offset() >= 0 ? problem.offset() : pos, problem.fieldPath(),
                problem);
    }

    private void schemaKnown() {
        fields = new DictionaryMemo(state.schema(), resource);
        batchIds = directIds(state.schema().fields());
    }

    /** Dictionary ids that decoding {@code fs} looks up (not those inside the dictionaries' own values). */
    private static SortedSet<Long> directIds(List<Field> fs) {
        SortedSet<Long> ids = new TreeSet<>();
        for (Field f : fs) {
            if (f.dictionary() != null) ids.add(f.dictionary().id());
            else ids.addAll(directIds(f.children()));
        }
        return ids;
    }

    // ---- messages -----------------------------------------------------------------------------

    /** Reads the message at {@code pos}; returns its batch when it is a record batch that is kept. */
    private RecordBatch step() {
        if (pos >= limit) {
            ended = true;
            return null;
        }
        Object f;
        try {
            f = frameAt(pos);
        } catch (QuiverException e) {
            return skipUnreadable(e);
        }
        if (f instanceof EndMarker m) return endMarker(m);
        Framed fr = (Framed) f;
        if (!fits(fr)) {
            QuiverException e = cutShort(fr);
            Candidate c = search(fr.bodyOffset());
            long to = c == null ? limit : c.framed().offset();
            markLost(fr);
            parts.add(partOf(fr, to - fr.offset(), e.getMessage()));
            last = null;
            return resume(c, fr.bodyOffset());
        }
        String untrustedBy = needsLost(fr.message());
        if (untrustedBy != null) {   // not decoded: its dictionary is not the one it was written with
            pos = fr.end();
            last = fr;
            agree(fr);
            parts.add(partOf(fr, fr.end() - fr.offset(), untrustedBy));
            return null;
        }
        StreamState.Decoded d = null;
        QuiverException failure = null;
        try {
            d = decode(fr);
        } catch (QuiverException e) {
            failure = e;
        }
        return settle(fr, d, failure);
    }

    /**
     * Why {@code m} is lost before it is decoded: a record batch that needs a lost dictionary, or a delta to one;
     * else null.
     */
    private String needsLost(Message m) {
        return switch (m.header()) {
            case MessageHeader.RecordBatchHeader r -> trustBatch();
            case MessageHeader.DictionaryBatchHeader d when d.isDelta() && untrusted.containsKey(d.id()) ->
                    "a delta to dictionary " + d.id() + ", which is lost: " + untrusted.get(d.id());
            default -> null;
        };
    }

    /**
     * The bytes at {@code pos} are not a message: searches for the next one. The declared length of the message
     * before may be the damage, so the search starts after its metadata; a message found inside its declared body
     * ends it there.
     */
    private RecordBatch skipUnreadable(QuiverException e) {
        Framed before = last != null && last.end() == pos ? last : null;
        last = null;
        Candidate c = search(before != null ? before.bodyOffset() : pos + 1);
        long to = c == null ? limit : c.framed().offset();
        long from = pos;
        if (before != null && to < pos) {
            Part previous = parts.removeLast();
            parts.add(shortened(previous, to - previous.offset()));
            from = before.bodyOffset();
        } else {
            parts.add(new RecoveryReport.UnreadablePart(pos, to - pos, unreadable(e)));
        }
        return resume(c, from);
    }

    private String unreadable(QuiverException e) {
        return e.getMessage() + (gaveUp ? "; the search for the next message stopped after examining "
                + "the most bytes it may (64 MiB plus 8 per byte of input)" : "");
    }

    /**
     * An end-of-stream marker ends the stream, except a 4-byte one in input framed with continuation markers, or
     * one before blocks an intact footer lists, when a message can be found after it: then it is damage.
     */
    private RecordBatch endMarker(EndMarker m) {
        last = null;
        if ((markers && m.length() == 4) || (vouched.length > 0 && vouched[vouched.length - 1] > m.offset())) {
            Candidate c = search(m.offset() + 1);
            if (c != null) {
                parts.add(new RecoveryReport.UnreadablePart(m.offset(), c.framed().offset() - m.offset(),
                        "an end-of-stream marker (" + m.length() + " bytes) before more messages"));
                return resume(c, m.offset());
            }
        }
        parts.add(new RecoveryReport.EndOfStreamPart(m.offset(), m.length()));
        pos = m.offset() + m.length();
        ended = true;
        return null;
    }

    /**
     * Continues at a message found by searching, after the bytes {@code [skippedFrom, c's offset)} that could not
     * be read, or ends at the limit when none was found.
     */
    private RecordBatch resume(Candidate c, long skippedFrom) {
        if (c == null) {
            pos = limit;
            ended = true;
            return null;
        }
        if (c.framed().offset() > skippedFrom) skipped(skippedFrom, c.framed().offset());
        return settle(c.framed(), c.decoded(), c.failure());
    }

    /**
     * Bytes {@code [from, to)} were skipped unread: they may have held dictionary batches. A stream's dictionaries
     * may have been replaced there; a file's may have grown (a file cannot replace them).
     */
    private void skipped(long from, long to) {
        String range = "bytes [" + from + ", " + to + ") could not be read";
        if (format == RecoveryReport.Format.FILE && footerAgrees && !listsDictionaryIn(from, to)) return;
        for (long id : fields.ids()) {
            if (format == RecoveryReport.Format.STREAM) {
                untrusted.putIfAbsent(id, "it may have been replaced where " + range);
            } else {
                deltaUnsafe.putIfAbsent(id, "a delta to it may have been lost where " + range);
            }
        }
    }

    /**
     * Whether an intact footer lists a dictionary block in {@code [from, to)}: when the footer agrees with every
     * message read so far, skipped bytes without one cannot have held a delta.
     */
    private boolean listsDictionaryIn(long from, long to) {
        for (Block b : footer.footer().dictionaries()) {
            if (b.offset() >= from && b.offset() < to) return true;
        }
        return false;
    }

    private void agree(Framed f) {
        if (footerAgrees && java.util.Arrays.binarySearch(vouched, f.offset()) < 0) footerAgrees = false;
    }

    /** Records what {@code f} became; returns its batch when it is a record batch that is kept. */
    private RecordBatch settle(Framed f, StreamState.Decoded d, QuiverException failure) {
        pos = f.end();
        last = f;
        agree(f);
        String lost;
        RecordBatch kept = null;
        if (failure != null) {
            lost = failure.getMessage();
            markLost(f);
        } else {
            switch (d) {
                case StreamState.SchemaRead s -> throw new AssertionError("a second schema is refused by StreamState");
                case StreamState.DictionaryRead r -> lost = trustDictionary(r, f);
                case StreamState.BatchRead b -> {
                    lost = trustBatch();
                    if (lost == null) kept = b.batch();
                    else b.batch().close();
                }
            }
        }
        parts.add(partOf(f, f.end() - f.offset(), lost));
        return kept;
    }

    /** Whether dictionary batch {@code r} leaves its id trusted; if not, why it is lost. */
    private String trustDictionary(StreamState.DictionaryRead r, Framed f) {
        long id = r.id();
        for (long dep : directIds(fields.field(id).children())) {
            String why = untrusted.get(dep);
            if (why != null) {
                String lost = "its values use dictionary " + dep + ", which is lost: " + why;
                untrusted.put(id, lost);
                return lost;
            }
        }
        if (!r.isDelta()) {
            if (format == RecoveryReport.Format.FILE && !seen.add(id)) {
                String lost = "a replacement of dictionary " + id + ": the file format allows only deltas after the "
                        + "first dictionary batch of an id";
                untrusted.put(id, "it was replaced by the dictionary batch at bytes [" + f.offset() + ", " + f.end()
                        + "), which a file cannot hold");
                return lost;
            }
            seen.add(id);
            untrusted.remove(id);
            deltaUnsafe.remove(id);
            return null;
        }
        String why = untrusted.get(id);
        if (why != null) return "a delta to dictionary " + id + ", which is lost: " + why;
        why = deltaUnsafe.remove(id);
        if (why != null) {
            untrusted.put(id, why);
            return "a delta to dictionary " + id + " that cannot be applied: " + why;
        }
        return null;
    }

    /** Why a record batch decoded now is lost (a dictionary it needs is), or null. */
    private String trustBatch() {
        for (long id : batchIds) {
            String why = untrusted.get(id);
            if (why != null) return "dictionary " + id + " is lost: " + why;
        }
        return null;
    }

    /** A dictionary batch that is lost makes its id lost. */
    private void markLost(Framed f) {
        if (f.message().header() instanceof MessageHeader.DictionaryBatchHeader h) {
            untrusted.put(h.id(), "the dictionary batch at bytes [" + f.offset() + ", " + f.end() + ") was lost");
        }
    }

    private Part partOf(Framed f, long length, String lost) {
        return switch (f.message().header()) {
            case MessageHeader.SchemaHeader s -> new SchemaPart(f.offset(), length, lost);
            case MessageHeader.DictionaryBatchHeader h ->
                    new DictionaryPart(f.offset(), length, h.id(), h.isDelta(), h.data().length(), lost);
            case MessageHeader.RecordBatchHeader r -> new BatchPart(f.offset(), length, batchIndex++, r.length(), lost);
        };
    }

    private static Part shortened(Part p, long length) {
        // kept or lost, the message ends where the next one was found
        return switch (p) {
            case SchemaPart s -> new SchemaPart(s.offset(), length, s.lost());
            case DictionaryPart d -> new DictionaryPart(d.offset(), length, d.id(), d.isDelta(), d.values(), d.lost());
            case BatchPart b -> new BatchPart(b.offset(), length, b.index(), b.rows(), b.lost());
            default -> throw new AssertionError(p);
        };
    }

    // ---- framing and decoding -----------------------------------------------------------------

    /**
     * The message or end-of-stream marker at {@code p}, its metadata verified and decoded; its body may run past
     * {@link #limit} ({@link #fits}).
     *
     * @throws QuiverException when the bytes at {@code p} are not a message prefix and metadata
     */
    private Object frameAt(long p) {
        long room = limit - p;
        if (room < 4) throw MessageFraming.truncated("message prefix", resource, p, 4, room);
        int first = data.get(LE.INT, p);
        boolean marker = MessageFraming.isContinuation(first);
        int length = first;
        if (marker) {
            if (room < 8) throw MessageFraming.truncated("metadata length", resource, p + 4, 4, room - 4);
            length = data.get(LE.INT, p + 4);
        }
        long metaOffset = p + (marker ? 8 : 4);
        MessageFraming.checkMetadataLength(length, options.limits(), resource, metaOffset - 4);
        if (length == 0) return new EndMarker(p, (int) (metaOffset - p));
        if (length > limit - metaOffset) {
            throw MessageFraming.truncated("message metadata", resource, metaOffset, length, limit - metaOffset);
        }
        Message m = MessageFraming.decode(data.asSlice(metaOffset, length), options.limits(), resource, metaOffset);
        return new Framed(p, m, metaOffset + length);
    }

    private boolean fits(Framed f) {
        return f.message().bodyLength() <= limit - f.bodyOffset();
    }

    private InvalidDataException cutShort(Framed f) {
        long room = limit - f.bodyOffset();
        if (limit < data.byteSize()) {
            return new InvalidDataException("body of " + f.message().bodyLength() + " bytes runs past the footer "
                    + "at byte " + limit + " (" + room + " bytes left)", resource, f.bodyOffset());
        }
        return MessageFraming.truncated("message body", resource, f.bodyOffset(), f.message().bodyLength(), room);
    }

    /** Decodes (and validates FULL) a message whose body fits: a dictionary updates the current dictionaries. */
    private StreamState.Decoded decode(Framed f) {
        MemorySegment body = data.asSlice(f.bodyOffset(), f.message().bodyLength());
        // the body borrows the input: a record batch owns only what it decompresses, a dictionary what it copies
        return state.accept(f.message(), f.offset(), body, f.bodyOffset(), null);
    }

    /**
     * The first message at or after {@code from}: a position with a continuation marker, metadata that verifies,
     * a body that fits, of the kind expected (a schema message until there is a schema, then dictionary and
     * record batches), which decodes; or a block an intact footer lists, whatever it decodes to. Null when there
     * is none, or when the search has examined as many bytes as it may ({@link #budget}).
     */
    private Candidate search(long from) {
        int next = java.util.Arrays.binarySearch(vouched, from);
        if (next < 0) next = -next - 1;
        for (long q = Math.max(from, 0); q + 4 <= limit; q++) {
            boolean isVouched = next < vouched.length && vouched[next] == q;
            if (isVouched) next++;
            else if (!markers || data.get(LE.BYTE, q) != (byte) 0xFF) continue; // the cheap test first
            boolean marker = MessageFraming.isContinuation(data.get(LE.INT, q));
            if (!isVouched && !(markers && marker)) continue;
            if (marker && q + 8 > limit) continue;
            int length = data.get(LE.INT, marker ? q + 4 : q);
            if (length <= 0 || length > limit - q) continue; // no metadata to verify here
            if (!charge(length)) return null;
            Framed f;
            try {
                if (!(frameAt(q) instanceof Framed fr) || !fits(fr)) continue;
                f = fr;
            } catch (QuiverException e) {
                continue;
            }
            boolean isSchema = f.message().header() instanceof MessageHeader.SchemaHeader;
            if (!isVouched && isSchema != (state.schema() == null)) continue;
            if (!charge(f.message().bodyLength())) return null;
            try {
                return new Candidate(f, decode(f), null);
            } catch (QuiverException e) {
                if (isVouched) return new Candidate(f, null, e);
            }
        }
        return null;
    }

    /** Takes {@code bytes} (when positive) from the search's budget; false once it is spent. */
    private boolean charge(long bytes) {
        if (bytes > 0) budget -= Math.min(bytes, limit);
        if (budget < 0) gaveUp = true;
        return !gaveUp;
    }

    // ---- the end ------------------------------------------------------------------------------

    /** The bytes after the stream: a stream's trailing bytes, or a file's footer. */
    private void finish() {
        long size = data.byteSize();
        if (format == RecoveryReport.Format.STREAM) {
            if (pos < size) parts.add(new RecoveryReport.TrailingPart(pos, size - pos));
        } else if (footer != null) {
            if (pos < limit) {
                parts.add(new RecoveryReport.UnreadablePart(pos, limit - pos,
                        "bytes between the end of the stream and the footer"));
            }
            parts.add(new RecoveryReport.FooterPart(limit, size - limit, footer.footer().recordBatches().size(),
                    footer.footer().dictionaries().size(), null));
        } else if (pos < size) {
            parts.add(new RecoveryReport.FooterPart(pos, size - pos, -1, -1, "the footer is unreadable: "
                    + footerProblem));
        }
        complete = true;
    }
}
