package org.redflag.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.liability.Assessor;
import org.redflag.liability.CaseFacts;
import org.redflag.liability.CaseReader;
import org.redflag.source.InvalidInputException;

/**
 * Assessments per second over the 14 example cases, on one thread, with and without the counterfactual search.
 * One operation is one case; each invocation assesses all 14.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-XX:ActiveProcessorCount=1"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 8, time = 2)
public class AssessmentBenchmark {

    static final int CASES = 14;

    @Param({"examples/cases"})
    public String cases;

    private final List<CaseFacts> facts = new ArrayList<>();
    private final List<PolicyPack> packs = new ArrayList<>();
    private final Assessor assessor = new Assessor();

    @Setup
    public void load() throws IOException, InvalidInputException {
        CaseReader reader = new CaseReader();
        try (Stream<Path> files = Files.walk(Path.of(cases))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                CaseFacts f = reader.read(p);
                facts.add(f);
                packs.add(PolicyPacks.builtIn().find(f.jurisdiction()).orElseThrow());
            }
        }
        if (facts.size() != CASES) {
            throw new IllegalStateException("expected " + CASES + " example cases under " + cases + ", found "
                    + facts.size());
        }
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public void withCounterfactuals(Blackhole bh) {
        for (int i = 0; i < CASES; i++) {
            bh.consume(assessor.assess(facts.get(i), packs.get(i), Assessor.Options.DEFAULT));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public void withoutCounterfactuals(Blackhole bh) {
        for (int i = 0; i < CASES; i++) {
            bh.consume(assessor.assess(facts.get(i), packs.get(i), Assessor.Options.WITHOUT_COUNTERFACTUALS));
        }
    }
}
