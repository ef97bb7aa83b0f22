using CsCheck;
using TmuxAgent.Core.Audit;

namespace TmuxAgent.Tests.Audit;

public class LineSplitterTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    private static readonly Gen<string> Content = Gen.String[Gen.Char["ab\n\r{}"], 0, 60];

    private List<(long, long, long, bool, bool, string)> Forward(string path, int max, int readSize)
    {
        using var file = File.OpenHandle(path);
        using var s = new LineSplitter(file, 0, RandomAccess.GetLength(file), max, readSize: readSize);
        var lines = new List<(long, long, long, bool, bool, string)>();
        while (s.Next(out var l, out var b)) lines.Add((l.Number, l.Offset, l.Length, l.Terminated, l.TooLong, System.Text.Encoding.ASCII.GetString(b)));
        return lines;
    }

    private List<(long, long, long, bool, bool, string)> Backward(string path, int max, int block)
    {
        using var file = File.OpenHandle(path);
        using var s = new BackwardLineSplitter(file, RandomAccess.GetLength(file), max, block);
        var lines = new List<(long, long, long, bool, bool, string)>();
        while (s.Previous(out var l, out var b)) lines.Add((l.Number, l.Offset, l.Length, l.Terminated, l.TooLong, System.Text.Encoding.ASCII.GetString(b)));
        return lines;
    }

    [Test]
    public void Reading_backwards_gives_the_same_lines_as_reading_forwards()
    {
        Gen.Select(Content, Gen.Int[1, 9], Gen.Int[1, 8], Gen.Int[1, 8]).Sample((content, max, readSize, block) =>
        {
            var path = _dir.File(Guid.NewGuid().ToString("N")); // samples run in parallel
            File.WriteAllText(path, content);
            var forward = Forward(path, max, readSize);
            var backward = Backward(path, max, block);

            var n = forward.Count;
            backward.Select(l => (n + 1 - l.Item1, l.Item2, l.Item3, l.Item4, l.Item5, l.Item6)).Reverse()
                .Should().Equal(forward, $"content {System.Text.Json.JsonSerializer.Serialize(content)}");
            foreach (var l in forward)
            {
                l.Item5.Should().Be(l.Item3 > max, "a line is too long exactly when it exceeds the limit");
                if (!l.Item5) l.Item6.Should().Be(content.Substring((int)l.Item2, (int)l.Item3));
            }
        }, iter: 1000);
    }

    [Test]
    public void An_empty_file_has_no_lines()
    {
        var path = _dir.File("empty.txt");
        File.WriteAllText(path, "");
        Forward(path, 10, 4).Should().BeEmpty();
        Backward(path, 10, 4).Should().BeEmpty();
    }
}
