package dev.quiver.cli;

import dev.quiver.InvalidDataException;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.IpcReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code quiver cat A B ... > OUT}: the batches of every input, in order, as one file or stream. The inputs' fields
 * must be equal (names, types, nullability, dictionary encodings, metadata); the first difference is named
 * otherwise. The output has the first input's schema metadata (and footer metadata). Dictionaries are carried
 * across inputs: a stream gets each input's dictionary batches as that input has them (so the first dictionary of
 * a later input replaces the one before), a file appends the new values as a delta and renumbers the batch's
 * indices ({@link DictionaryUnifier}).
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Concatenate Arrow IPC files and streams with equal schemas into one (standard output by "
                + "default).",
                "Every batch is fully validated on the way; dictionaries are carried across inputs."})
final class CatCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IN", description = "Arrow IPC files or streams; - for standard input.")
    List<Path> inputs;

    @Mixin
    WriteTarget target;

    @ParentCommand
    Main main;

    @picocli.CommandLine.Mixin
    Progress.Options progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (inputs.stream().filter(p -> p.toString().equals("-")).count() > 1) {
            throw new ParameterException(spec.commandLine(), "standard input (-) can be read only once");
        }
        List<Input> in = new ArrayList<>();
        for (Path p : inputs) {
            Input input = Input.of(p, main, spec.commandLine());
            target.checkNotInput(input, spec.commandLine());
            in.add(input);
        }
        List<BatchSource> sources = new ArrayList<>();
        try {
            for (Input input : in) {
                BatchSource src = input.batches(IpcReadOptions.DEFAULT);
                sources.add(src);
                String diff = SchemaDiff.first(sources.getFirst().schema(), src.schema());
                if (diff != null) {
                    throw new InvalidDataException("the schema differs from the first input's (" + in.getFirst().name()
                            + "): " + diff, input.name(), -1);
                }
            }
            BatchSource first = sources.getFirst();
            long total = 0;
            for (Input input : in) total = total < 0 || input.size() < 0 ? -1 : total + input.size();
            try (Output output = Output.open(target.out, main);
                 Progress progress = progressOptions.start(main, spec.commandLine().getErr(), "cat", total)) {
                long[] done = {0, 0}; // bytes of the inputs before, rows
                BatchWriter.Stats stats = BatchWriter.write(output, target.format(first.format()), first.schema(),
                        first.footerMetadata(), sink -> {
                            for (int s = 0; s < sources.size(); s++) {
                                BatchSource src = sources.get(s);
                                int index = 0;
                                for (RecordBatch next; (next = src.next()) != null; index++) {
                                    try (RecordBatch b = next) {
                                        sink.copy(src, b, in.get(s).name(), index);
                                        done[1] += b.numRows();
                                        progress.update(done[0] + src.position(), done[1]);
                                    }
                                }
                                sink.ended(src, in.get(s).name());
                                long size = in.get(s).size();
                                done[0] += size >= 0 ? size : src.position();
                            }
                            progress.finished();
                        });
                target.report(output, stats, spec.commandLine().getOut());
            }
        } finally {
            for (BatchSource s : sources) s.close();
        }
        return 0;
    }
}
