namespace TmuxAgent.Host.Plan.Check;

/// <summary>Finds the dependency cycles among tasks, each once, starting at its first task in file order.</summary>
public static class DependencyCycles
{
    /// <summary>Each cycle as the branches in order, the first repeated at the end (e.g. <c>a, b, a</c>).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyList<(string Branch, IReadOnlyList<string> DependsOn)> tasks)
    {
        var order = tasks.Select((t, i) => (t.Branch, i)).GroupBy(x => x.Branch).ToDictionary(g => g.Key, g => g.First().i);
        var edges = tasks.GroupBy(t => t.Branch).ToDictionary(g => g.Key, g => g.First().DependsOn.Where(order.ContainsKey).Distinct().ToList());
        var state = new Dictionary<string, int>(); // 1 on the path, 2 done
        var path = new List<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>();

        void Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges[node])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = path.Skip(path.IndexOf(next)).ToList();
                    var start = cycle.MinBy(b => order[b])!;
                    var rotated = cycle.Skip(cycle.IndexOf(start)).Concat(cycle.Take(cycle.IndexOf(start))).ToList();
                    if (seen.Add(string.Join('\n', rotated))) cycles.Add([.. rotated, start]);
                }
                else if (state.GetValueOrDefault(next) == 0) Visit(next);
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }

        foreach (var (branch, _) in tasks)
            if (state.GetValueOrDefault(branch) == 0) Visit(branch);
        return cycles;
    }
}
