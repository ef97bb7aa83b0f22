using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

using TmuxAgent.Config;

namespace TmuxAgent.Host.Config;

/// <summary>
/// Loads YAML for the config readers: the text is first walked as a stream of parser events (no recursion) and refused
/// when mappings and sequences nest deeper than <see cref="MaxDepth"/>, since <see cref="YamlStream"/> builds its node
/// tree recursively and deep flow nesting (<c>[[[[…</c>) would overflow the stack and kill the process. Every failure
/// is a <see cref="ConfigException"/> naming file, line and column.
/// </summary>
public static class YamlText
{
    /// <summary>How deep mappings and sequences may nest.</summary>
    public const int MaxDepth = 64;

    /// <summary>The documents of <paramref name="text"/>, read from <paramref name="displayPath"/>.</summary>
    public static YamlStream Load(string text, string displayPath)
    {
        try
        {
            CheckDepth(text, displayPath);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream;
        }
        catch (YamlException e)
        {
            throw ConfigException.At(new SourceLocation(displayPath, (int)e.Start.Line, (int)e.Start.Column), "", "syntax error: " + (e.InnerException?.Message ?? e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these on some malformed flow collections (found by the hostile-input property test).
            throw ConfigException.At(new SourceLocation(displayPath, 0, 0), "", "syntax error: malformed YAML (" + e.Message + ")");
        }
    }

    private static void CheckDepth(string text, string displayPath)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    var at = parser.Current!.Start;
                    throw ConfigException.At(new SourceLocation(displayPath, (int)at.Line, (int)at.Column), "",
                        $"mappings and sequences nest deeper than {MaxDepth} levels here; refused");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }
}
