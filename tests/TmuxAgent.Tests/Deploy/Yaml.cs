using YamlDotNet.Serialization;

namespace TmuxAgent.Tests.Deploy;

/// <summary>YAML as plain maps, lists and strings (enough to check and rewrite deploy configs).</summary>
public static class Yaml
{
    public static Dictionary<object, object> Load(string relative) =>
        (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<object>(RepoFiles.Read(relative))!;

    public static string Dump(object document) => new SerializerBuilder().Build().Serialize(document);

    public static Dictionary<object, object> Map(this object node, string key) => (Dictionary<object, object>)((Dictionary<object, object>)node)[key];

    public static List<object> List(this object node, string key) =>
        ((Dictionary<object, object>)node).TryGetValue(key, out var v) && v is List<object> l ? l : [];

    public static string? Str(this object node, string key) =>
        ((Dictionary<object, object>)node).TryGetValue(key, out var v) ? v as string : null;

    public static IEnumerable<Dictionary<object, object>> Maps(this IEnumerable<object> nodes) => nodes.Cast<Dictionary<object, object>>();
}
