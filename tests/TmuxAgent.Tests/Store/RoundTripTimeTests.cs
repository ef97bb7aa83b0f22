using System.Globalization;
using System.Text;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Tests.Store;

/// <summary>The stored <c>created</c> text is read digit by digit on its usual shape; the result must be the general
/// parser's, and other shapes still parse.</summary>
public class RoundTripTimeTests
{
    private static IEnumerable<DateTimeOffset> Times()
    {
        yield return DateTimeOffset.UnixEpoch;
        yield return new DateTimeOffset(2025, 11, 23, 12, 0, 0, TimeSpan.Zero).AddTicks(2_500_000);
        yield return new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(5.5)).AddTicks(9_999_999);
        yield return new DateTimeOffset(1999, 12, 31, 0, 0, 1, TimeSpan.FromHours(-8)).AddTicks(1);
        yield return DateTimeOffset.MaxValue;
        yield return DateTimeOffset.MinValue;
        var random = new Random(18);
        for (var i = 0; i < 500; i++)
            yield return new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay),
                TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1)));
    }

    [Test]
    public void The_usual_shape_reads_as_the_general_parser_reads_it()
    {
        foreach (var t in Times())
        {
            var text = t.ToString("O", CultureInfo.InvariantCulture);
            var read = RoundTripTime.Parse(Encoding.UTF8.GetBytes(text));
            read.Should().Be(DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture), text);
            read.Offset.Should().Be(t.Offset, text);
        }
    }

    [TestCase("2025-11-23T12:00:00.2500000Z")]
    public void The_round_trip_shape_of_a_UTC_time_still_parses(string text) =>
        RoundTripTime.Parse(Encoding.UTF8.GetBytes(text)).Should().Be(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture));

    [TestCase("2025-02-30T12:00:00.0000000+00:00")]
    [TestCase("2025-11-23T24:00:00.0000000+00:00")]
    [TestCase("2025-11-23T12:00:00.00000x0+00:00")]
    public void Impossible_times_are_refused(string text) =>
        FluentActions.Invoking(() => RoundTripTime.Parse(Encoding.UTF8.GetBytes(text))).Should().Throw<FormatException>();
}
