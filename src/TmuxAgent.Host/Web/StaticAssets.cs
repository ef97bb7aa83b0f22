using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace TmuxAgent.Host.Web;

/// <summary>The pages' files, embedded in the assembly (no CDN, nothing fetched from elsewhere).</summary>
public static class StaticAssets
{
    private static readonly Assembly Self = typeof(StaticAssets).Assembly;

    /// <summary>The text of <c>Web/Assets/<paramref name="name"/></c>.</summary>
    public static string Text(string name)
    {
        using var s = Self.GetManifestResourceStream("TmuxAgent.Host.Web.Assets." + name)
            ?? throw new FileNotFoundException("embedded asset not found", name);
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>An endpoint result serving the asset with its content type, not cached, with a strict content security policy.</summary>
    public static IResult Serve(HttpContext context, string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8", ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8", ".svg" => "image/svg+xml", _ => "application/octet-stream",
        };
        Secure(context.Response);
        return Results.Text(Text(name), type);
    }

    /// <summary>Headers every page answer carries: no caching, no framing, no foreign scripts.</summary>
    public static void Secure(HttpResponse r)
    {
        r.Headers.CacheControl = "no-store";
        r.Headers["X-Content-Type-Options"] = "nosniff";
        r.Headers["X-Frame-Options"] = "DENY";
        r.Headers["Referrer-Policy"] = "no-referrer";
        r.Headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self' http: https:; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
    }
}
