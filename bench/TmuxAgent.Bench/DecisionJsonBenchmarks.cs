using System.Text;
using BenchmarkDotNet.Attributes;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Bench;

/// <summary>
/// <see cref="DecisionJson.Parse"/> on a model's stdout: a normal decision in prose and a fence, and hostile output at
/// the 1 MiB stdout cap (<c>{/*</c> repeated: an unterminated comment after every brace; <c>{"a" x}</c> repeated:
/// a brace group that is not JSON, costing an exception each). The search is linear (issue 17 item 5): the earlier
/// "parse again from every <c>{</c>" took about 8 s of CPU for 128 KB of <c>{/*</c> and minutes at 1 MiB.
/// </summary>
[MemoryDiagnoser]
public class DecisionJsonBenchmarks
{
    private byte[] _normal = null!, _comments = null!, _groups = null!, _nested = null!;

    [GlobalSetup]
    public void Generate()
    {
        const int size = 1 << 20;
        _normal = Encoding.UTF8.GetBytes("Sure! Here is my plan:\n```json\n{\"summary\": \"s\", \"commands\": [{\"text\": \"npm test\", \"risk_level\": \"low\"}], \"phase\": \"testing\"}\n```\n");
        _comments = Repeat("{/*", size);
        _groups = Repeat("{\"a\" x}", size);
        _nested = Encoding.UTF8.GetBytes(new string('{', size / 2) + new string('}', size / 2));
    }

    private static byte[] Repeat(string unit, int size) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, size / unit.Length)));

    [Benchmark(Baseline = true, Description = "normal decision in prose")]
    public object? Normal() => DecisionJson.Parse(_normal).Decision;

    [Benchmark(Description = "1 MiB of {/*")]
    public object? UnterminatedComments() => DecisionJson.Parse(_comments).Kind;

    [Benchmark(Description = "1 MiB of {\"a\" x}")]
    public object? BraceGroupsThatAreNotJson() => DecisionJson.Parse(_groups).Kind;

    [Benchmark(Description = "1 MiB of nested braces")]
    public object? NestedBraces() => DecisionJson.Parse(_nested).Kind;
}
