package org.redflag.app.liability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.redflag.liability.CaseFacts;
import org.redflag.liability.CaseReader;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** A case to assess: a file, a file found in a directory, or one of the example cases bundled in the jar. */
interface CaseSource {

    String name();

    CaseFacts read(CaseReader reader) throws InvalidInputException;

    /** Expands the command line's paths: files as given, directories to their {@code *.json} files, sorted. */
    static List<CaseSource> expand(List<Path> paths, List<InputProblem> problems) {
        List<CaseSource> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    List<Path> found = files.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json"))
                            .sorted(Comparator.comparing(Path::toString)).toList();
                    if (found.isEmpty()) {
                        problems.add(new InputProblem(p.toString(), 0, "$", "the directory holds no .json case file"));
                    }
                    found.forEach(f -> out.add(file(f)));
                } catch (IOException e) {
                    problems.add(new InputProblem(p.toString(), 0, "$", "cannot list the directory: " + e.getMessage()));
                }
            } else if (Files.exists(p)) {
                out.add(file(p));
            } else {
                problems.add(new InputProblem(p.toString(), 0, "$", "no such file or directory"));
            }
        }
        return out;
    }

    static CaseSource file(Path p) {
        return new CaseSource() {
            @Override
            public String name() {
                return p.toString();
            }

            @Override
            public CaseFacts read(CaseReader reader) throws InvalidInputException {
                return reader.read(p);
            }
        };
    }

    /** The example cases shipped inside the jar, sorted by path. */
    static List<CaseSource> bundled() throws IOException {
        Resource[] found = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:org/redflag/app/examples/cases/**/*.json");
        List<CaseSource> out = new ArrayList<>();
        for (Resource r : found) {
            String url = r.getURL().toString();
            String name = "examples/cases/" + url.substring(url.indexOf("examples/cases/") + "examples/cases/".length());
            out.add(new CaseSource() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public CaseFacts read(CaseReader reader) throws InvalidInputException {
                    try (InputStream in = r.getInputStream()) {
                        return reader.read(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new InvalidInputException(new InputProblem(name, 0, "$", "cannot read: " + e));
                    }
                }
            });
        }
        out.sort(Comparator.comparing(CaseSource::name));
        return out;
    }
}
