using System.Globalization;
using System.Text;
using CsCheck;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Tests.Replay;

/// <summary>The replay's number parser gives bit for bit the double that <see cref="double.Parse(string)"/> gives.</summary>
public class DecimalNumberTests
{
    private static double Expected(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void ShouldAgree(string s)
    {
        DecimalNumber.TryParse(Encoding.ASCII.GetBytes(s), out var actual).Should().BeTrue(s);
        BitConverter.DoubleToInt64Bits(actual).Should().Be(BitConverter.DoubleToInt64Bits(Expected(s)), s);
    }

    [TestCase("1763900002.0043194")]
    [TestCase("1763904572.6399271")]
    [TestCase("1763902401.918280")]
    [TestCase("0")]
    [TestCase("-0")]
    [TestCase("0.5")]
    [TestCase("-12.25")]
    [TestCase("9007199254740993")]
    [TestCase("9999999999999999999")]
    [TestCase("1e3")]
    [TestCase("12345678901234567890123")]
    [TestCase("0.30000000000000004")]
    public void Known_numbers(string s) => ShouldAgree(s);

    [Test]
    public void Timestamps_with_up_to_nineteen_digits()
        => Gen.Select(Gen.Long[0, 4_000_000_000], Gen.ULong, Gen.Int[0, 9])
            .Select((seconds, fraction, places) => places == 0 ? $"{seconds}" : $"{seconds}.{(fraction % (ulong)Math.Pow(10, places)).ToString(CultureInfo.InvariantCulture).PadLeft(places, '0')}")
            .Sample(ShouldAgree, iter: 200_000);

    [Test]
    public void Any_decimal_of_up_to_nineteen_digits()
        => Gen.Select(Gen.ULong[0, 9_999_999_999_999_999_999], Gen.Int[0, 19], Gen.Bool)
            .Select((m, point, negative) =>
            {
                var digits = m.ToString(CultureInfo.InvariantCulture).PadLeft(point + 1, '0');
                var s = point == 0 ? digits : digits[..^point] + "." + digits[^point..];
                return negative ? "-" + s : s;
            })
            .Sample(ShouldAgree, iter: 200_000);

    [Test]
    public void The_fast_path_takes_the_usual_timestamp()
        => DecimalNumber.TryParseFast("1763900002.0043194"u8, out _).Should().BeTrue();

    [Test]
    public void The_fast_path_takes_nearly_every_seventeen_digit_timestamp()
    {
        // Python's time.time() written with repr: ten digits, a point, six or seven more. Above 2^53 the first
        // division can be one step off; the fast path then proves a neighbour instead of giving up.
        var rnd = new Random(7);
        var fast = 0;
        const int n = 20_000;
        for (var i = 0; i < n; i++)
        {
            var s = $"{1_700_000_000 + rnd.Next(100_000_000)}.{rnd.Next(10_000_000):D7}";
            if (DecimalNumber.TryParseFast(Encoding.ASCII.GetBytes(s), out var d))
            {
                fast++;
                BitConverter.DoubleToInt64Bits(d).Should().Be(BitConverter.DoubleToInt64Bits(Expected(s)), s);
            }
        }
        fast.Should().BeGreaterThan(n - n / 1000);
    }
}
