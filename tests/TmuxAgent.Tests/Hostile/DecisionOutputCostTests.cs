using System.Text;
using CsCheck;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Tests.Hostile;

/// <summary>
/// Issue 17 item 5: finding the decision object costs memory in proportion to the output, whatever the output. Measured in
/// allocated bytes (GC.GetAllocatedBytesForCurrentThread), not time: the earlier "parse again from every <c>{</c>" threw an
/// exception per brace and re-read the rest of the output each time.
/// </summary>
public class DecisionOutputCostTests
{
    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly string[] Fragments = ["{/*", "{\"", "{\"a\":[", "{{", "}", "\"", "//", "\n", "{\"a\" x}", "{}", "*/", "\\", "[", "x"];

    private static readonly Gen<byte[]> Hostile =
        Gen.Select(Pick(Fragments).Array[1, 4], Gen.Int[1_000, 120_000], Gen.String[Gen.Char["{}\"/*x \n"], 0, 50])
            .Select((units, size, tail) =>
            {
                var b = new StringBuilder(size + 64);
                for (var i = 0; b.Length < size; i++) b.Append(units[i % units.Length]);
                return Encoding.UTF8.GetBytes(b.Append(tail).ToString());
            });

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Test]
    public void Hostile_output_allocates_at_most_a_small_multiple_of_its_size()
    {
        DecisionJson.Parse("{\"commands\": []}"u8.ToArray());   // warm-up: type initialisers
        Hostile.Sample(bytes =>
        {
            var allocated = Allocated(() => DecisionJson.Parse(bytes));
            allocated.Should().BeLessThan(16L * bytes.Length + 2_000_000, $"{bytes.Length} bytes of output starting {Encoding.UTF8.GetString(bytes, 0, Math.Min(30, bytes.Length))}");
        }, iter: 40, threads: 1);
    }

    [Test]
    public void A_megabyte_of_unterminated_comments_after_braces_is_a_parse_error_within_the_bound()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{/*", 1 << 18)));
        (Decision? Decision, string? Kind, string? Message) result = default;
        Allocated(() => result = DecisionJson.Parse(bytes)).Should().BeLessThan(16L * bytes.Length + 2_000_000);
        result.Kind.Should().Be(DecisionErrorKinds.JsonParseError);
    }

    [Test]
    public void The_object_after_hostile_prose_is_still_found()
    {
        var prose = string.Concat(Enumerable.Repeat("{\"a\" x} ", 200)) + "{ unclosed \"quote\n";
        var bytes = Encoding.UTF8.GetBytes(prose + "} then {\"commands\": [{\"text\": \"ls\"}]}");
        DecisionJson.Parse(bytes).Decision!.Commands.Single().Text.Should().Be("ls");
    }
}
