package dev.quiver.cli;

import dev.quiver.InvalidDataException;
import dev.quiver.cli.layout.WireLayout;
import dev.quiver.cli.text.JsonText;
import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonParser;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Endianness;
import dev.quiver.type.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code quiver schema FILE}: the schema with its field and schema metadata, as {@code print} shows it, or
 * ({@code --json}) as the "schema" member of Arrow's integration JSON. A file's schema is its footer's (as file
 * readers take it), else its schema message's; a stream's is its first message. Damage after the schema does not
 * matter here.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the schema of an Arrow IPC file or stream: every field (type, nullability, dictionary "
                + "encoding, metadata) and the schema's metadata.")
final class SchemaCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "An Arrow IPC file or stream; - or none for standard input.")
    Path file;

    @Option(names = "--json", description = "One JSON document (docs/json/schema.schema.json) instead of text.")
    boolean json;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Input input = Input.of(file, main, spec.commandLine());
        WireLayout l = input.layout();
        Schema schema = schema(l);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("input", l.name());
            d.put("format", l.format().label());
            d.put("endianness", schema.endianness() == Endianness.BIG ? "big" : "little");
            d.put("schema", JsonParser.parse(IntegrationJson.schemaToJson(schema), "schema"));
            out.print(JsonText.pretty(d));
        } else {
            out.printf("%s: Arrow IPC %s%n", l.name(), l.format().label());
            SchemaText.print(schema, out);
            if (schema.endianness() == Endianness.BIG) out.println("-- the data is big-endian --");
        }
        return 0;
    }

    /** The schema readers use, or the error that hides it. */
    static Schema schema(WireLayout l) {
        if (l.footer() != null) return l.footer().footer().schema();
        for (WireLayout.Message m : l.messages()) {
            if (m.summary().message().header() instanceof MessageHeader.SchemaHeader s) return s.schema();
        }
        if (l.error() != null) throw l.error();
        throw new InvalidDataException(l.messages().isEmpty() ? "no schema: the input holds no message"
                : "no schema: the first message is a " + l.messages().getFirst().type(), l.name(), 0);
    }
}
