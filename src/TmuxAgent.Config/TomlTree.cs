using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace TmuxAgent.Config;

/// <summary>A TOML value with where it was written, so every finding can name file, line and column.</summary>
public abstract record TomlNode(SourceLocation Location)
{
    /// <summary>The value's source text (for "got …" in messages).</summary>
    public required string SourceText { get; init; }
}

/// <summary>A string, integer, float, boolean or date.</summary>
public sealed record TomlScalar(object Value, SourceLocation Location) : TomlNode(Location);

/// <summary>An array.</summary>
public sealed record TomlArrayNode(IReadOnlyList<TomlNode> Items, SourceLocation Location) : TomlNode(Location);

/// <summary>A table (standard, inline or one element of an array of tables), keys in file order.</summary>
public sealed record TomlTableNode(SourceLocation Location) : TomlNode(Location)
{
    /// <summary>Entries by key, in the order written.</summary>
    public List<KeyValuePair<string, TomlEntry>> Entries { get; } = [];

    /// <summary>The entry of <paramref name="key"/>, or null.</summary>
    public TomlEntry? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;

    internal void Set(string key, TomlEntry entry)
    {
        var i = Entries.FindIndex(e => e.Key == key);
        if (i >= 0) Entries[i] = new(key, entry); else Entries.Add(new(key, entry));
    }
}

/// <summary>A key (with its location) and its value.</summary>
public sealed record TomlEntry(SourceLocation KeyLocation, TomlNode Value);

/// <summary>Parses a TOML file into positioned nodes; syntax errors become <see cref="ConfigException"/> with line and column.</summary>
public static class TomlTree
{
    /// <summary>How deep arrays and inline tables may nest.</summary>
    public const int MaxDepth = 64;

    /// <summary>The root table of <paramref name="text"/>, read from <paramref name="displayPath"/>.</summary>
    public static TomlTableNode Parse(string text, string displayPath)
    {
        DocumentSyntax doc;
        try { doc = SyntaxParser.Parse(text, new TomlSerializerOptions { MaxDepth = MaxDepth }, displayPath); }
        catch (TomlException e)
        {
            // Tomlyn throws (rather than reports) when arrays or inline tables nest deeper than MaxDepth
            var (line, column) = TomlNesting.FirstTooDeep(text, MaxDepth);
            var at = new SourceLocation(displayPath, line, column);
            throw new ConfigException([new ConfigDiagnostic(at, "", $"syntax error: arrays and inline tables may nest at most {MaxDepth} deep ({e.Message})", true)]);
        }
        catch (ArgumentException e)
        {
            // Tomlyn's lexer throws on some damaged input instead of reporting it (a string ending in a backslash at the
            // end of the file): a syntax error at the end of the file, as for any other unreadable TOML.
            var lines = text.Split('\n');
            var end = new SourceLocation(displayPath, lines.Length, lines[^1].Length + 1);
            throw new ConfigException([new ConfigDiagnostic(end, "", $"syntax error: the TOML cannot be read to its end, check for an unterminated string or escape ({e.Message})", true)]);
        }
        var errors = doc.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error)
            .Select(d => new ConfigDiagnostic(Loc(displayPath, d.Span), "", "syntax error: " + d.Message, true)).ToList();
        if (errors.Count > 0) throw new ConfigException(errors);

        var root = new TomlTableNode(new SourceLocation(displayPath, 1, 1)) { SourceText = "" };
        foreach (var kv in doc.KeyValues) AddKeyValue(root, kv, displayPath);
        foreach (var table in doc.Tables)
        {
            var path = KeyParts(table.Name!);
            var loc = Loc(displayPath, table.Span);
            var target = table is TableArraySyntax
                ? AppendArrayTable(root, path, loc, displayPath)
                : Navigate(root, path, loc, displayPath);
            foreach (var kv in table.Items) AddKeyValue(target, kv, displayPath);
        }
        return root;
    }

    private static TomlTableNode AppendArrayTable(TomlTableNode root, IReadOnlyList<string> path, SourceLocation loc, string file)
    {
        var parent = Navigate(root, path.Take(path.Count - 1).ToList(), loc, file);
        var key = path[^1];
        var items = parent[key]?.Value is TomlArrayNode a ? a.Items.ToList() : [];
        var table = new TomlTableNode(loc) { SourceText = "[[" + string.Join('.', path) + "]]" };
        items.Add(table);
        parent.Set(key, new TomlEntry(loc, new TomlArrayNode(items, loc) { SourceText = "an array of tables" }));
        return table;
    }

    /// <summary>The table at <paramref name="path"/>, created when missing; the last element of an array of tables is entered.</summary>
    private static TomlTableNode Navigate(TomlTableNode from, IReadOnlyList<string> path, SourceLocation loc, string file)
    {
        var t = from;
        foreach (var key in path)
        {
            switch (t[key]?.Value)
            {
                case TomlTableNode sub: t = sub; break;
                case TomlArrayNode { Items.Count: > 0 } arr when arr.Items[^1] is TomlTableNode last: t = last; break;
                case null:
                    var fresh = new TomlTableNode(loc) { SourceText = "a table" };
                    t.Set(key, new TomlEntry(loc, fresh));
                    t = fresh;
                    break;
                default: throw ConfigException.At(loc, key, "expected a table, got a value");
            }
        }
        return t;
    }

    private static void AddKeyValue(TomlTableNode table, KeyValueSyntax kv, string file)
    {
        var parts = KeyParts(kv.Key!);
        var keyLoc = Loc(file, kv.Key!.Span);
        var target = Navigate(table, parts.Take(parts.Count - 1).ToList(), keyLoc, file);
        target.Set(parts[^1], new TomlEntry(keyLoc, Convert(kv.Value!, file)));
    }

    private static TomlNode Convert(ValueSyntax value, string file)
    {
        var loc = Loc(file, value.Span);
        var text = value.ToString()?.Trim() ?? "";
        switch (value)
        {
            case ArraySyntax arr:
                return new TomlArrayNode(arr.Items.Select(i => Convert(i.Value!, file)).ToList(), loc) { SourceText = text };
            case InlineTableSyntax inline:
                var t = new TomlTableNode(loc) { SourceText = text };
                foreach (var item in inline.Items) AddKeyValue(t, item.KeyValue!, file);
                return t;
            case StringValueSyntax s: return new TomlScalar(s.Value ?? "", loc) { SourceText = text };
            case IntegerValueSyntax i: return new TomlScalar(i.Value, loc) { SourceText = text };
            case FloatValueSyntax f: return new TomlScalar(f.Value, loc) { SourceText = text };
            case BooleanValueSyntax b: return new TomlScalar(b.Value, loc) { SourceText = text };
            default: return new TomlScalar(text, loc) { SourceText = text };
        }
    }

    private static List<string> KeyParts(KeySyntax key)
    {
        var parts = new List<string> { KeyText(key.Key) };
        foreach (var dot in key.DotKeys) parts.Add(KeyText(dot.Key));
        return parts;
    }

    private static string KeyText(SyntaxNode? k) => k switch
    {
        StringValueSyntax s => s.Value ?? "",
        _ => k?.ToString()?.Trim() ?? "",
    };

    private static SourceLocation Loc(string file, SourceSpan span) => new(file, span.Start.Line + 1, span.Start.Column + 1);
}
