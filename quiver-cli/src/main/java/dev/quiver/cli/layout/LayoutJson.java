package dev.quiver.cli.layout;

import dev.quiver.cli.layout.WireLayout.BlockCheck;
import dev.quiver.cli.layout.WireLayout.Buffer;
import dev.quiver.cli.layout.WireLayout.Message;
import dev.quiver.cli.layout.WireLayout.Part;
import dev.quiver.cli.text.ErrorJson;
import dev.quiver.metadata.MessageHeader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code quiver inspect --json} document of a {@link WireLayout} (its schema: {@code docs/json/inspect.schema.json}).
 * Every member is always present (null where it does not apply); {@code buffers} and {@code flatbuffer} only when
 * asked for. Offsets and lengths are plain numbers of bytes from the start of the input.
 */
public final class LayoutJson {
    private LayoutJson() {}

    public static Map<String, Object> document(WireLayout l, boolean buffers, boolean flatbuffers) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("input", l.name());
        d.put("format", l.format().label());
        d.put("size", l.size());
        List<Object> parts = new ArrayList<>(l.parts().size());
        for (Part p : l.parts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", p.kind().id());
            m.put("offset", p.offset());
            m.put("length", p.length());
            m.put("message", p.message() >= 0 ? p.message() : null);
            m.put("label", LayoutText.partLabel(l, p));
            parts.add(m);
        }
        d.put("parts", parts);
        List<Object> messages = new ArrayList<>(l.messages().size());
        for (Message m : l.messages()) messages.add(message(m, buffers, flatbuffers));
        d.put("messages", messages);
        Part eos = l.parts().stream().filter(p -> p.kind() == WireLayout.Kind.END_OF_STREAM).findFirst().orElse(null);
        d.put("end_of_stream", eos == null ? null : Map.of("offset", eos.offset(), "length", eos.length()));
        d.put("footer", footer(l, flatbuffers));
        d.put("error", ErrorJson.of(l.error()));
        return d;
    }

    private static Map<String, Object> message(Message m, boolean buffers, boolean flatbuffers) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("index", m.index());
        j.put("type", m.type());
        j.put("offset", m.offset());
        j.put("length", m.end() - m.offset());
        j.put("prefix_length", m.prefixLength());
        j.put("metadata_offset", m.metadataOffset());
        j.put("metadata_length", m.metadataLength());
        j.put("flatbuffer_length", m.flatbufferLength());
        j.put("body_offset", m.bodyOffset());
        j.put("body_length", m.bodyLength());
        j.put("version", m.summary().message().version().name());
        MessageHeader h = m.summary().message().header();
        MessageHeader.RecordBatchHeader b = m.batch();
        j.put("fields", h instanceof MessageHeader.SchemaHeader s ? s.schema().fields().size() : null);
        j.put("rows", b == null ? null : b.length());
        j.put("compression", b == null ? null : b.compression() == null ? "none" : LayoutText.codec(b.compression()));
        j.put("field_nodes", b == null ? null : b.nodeCount());
        j.put("buffer_count", b == null ? null : b.bufferCount());
        j.put("dictionary_id", h instanceof MessageHeader.DictionaryBatchHeader d ? d.id() : null);
        j.put("is_delta", h instanceof MessageHeader.DictionaryBatchHeader d ? d.isDelta() : null);
        j.put("custom_metadata", m.summary().message().metadata());
        if (buffers) {
            List<Object> l = new ArrayList<>(m.buffers().size());
            for (Buffer x : m.buffers()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("index", x.index());
                e.put("field", x.path());
                e.put("kind", x.kind());
                e.put("offset", x.offset());
                e.put("length", x.length());
                e.put("uncompressed_length", x.uncompressedLength());
                l.add(e);
            }
            j.put("buffers", l);
        }
        if (flatbuffers) j.put("flatbuffer", m.flatbuffer().fields());
        return j;
    }

    private static Map<String, Object> footer(WireLayout l, boolean flatbuffers) {
        WireLayout.FooterInfo f = l.footer();
        if (f == null) return null;
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("offset", f.offset());
        j.put("length", f.length());
        j.put("version", f.footer().version().name());
        j.put("fields", f.footer().schema().fields().size());
        j.put("dictionaries", blocks(f.dictionaries()));
        j.put("record_batches", blocks(f.recordBatches()));
        j.put("custom_metadata", f.footer().metadata());
        if (flatbuffers) j.put("flatbuffer", f.flatbuffer() == null ? null : f.flatbuffer().fields());
        return j;
    }

    private static List<Object> blocks(List<BlockCheck> blocks) {
        List<Object> out = new ArrayList<>(blocks.size());
        for (BlockCheck c : blocks) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("offset", c.block().offset());
            b.put("metaDataLength", c.block().metaDataLength());
            b.put("bodyLength", c.block().bodyLength());
            b.put("matches", c.problem() == null);
            b.put("problem", c.problem());
            out.add(b);
        }
        return out;
    }
}
