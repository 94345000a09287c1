using System.Text;
using System.Text.Json.Nodes;

namespace LatentPlayground.Inference.Tests;

/// <summary>A copy of a good package in a temporary folder, to break on purpose; deleted on dispose.</summary>
internal sealed class ScratchPackage : IDisposable
{
    public ScratchPackage(string source)
    {
        Folder = Path.Combine(Path.GetTempPath(), "lp-inference-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        foreach (string file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        }
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void EditManifest(Action<JsonObject> edit)
    {
        string path = PathOf("model.json");
        var root = (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;
        edit(root);
        File.WriteAllText(path, root.ToJsonString());
    }

    /// <summary>
    /// Renames a tensor inside an ONNX file by rewriting every occurrence of its name. Protobuf strings
    /// are length-prefixed, so a same-length name keeps the file valid while changing the graph's interface.
    /// </summary>
    public void RenameInGraph(string file, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        byte[] bytes = File.ReadAllBytes(PathOf(file));
        byte[] a = Encoding.UTF8.GetBytes(from);
        byte[] b = Encoding.UTF8.GetBytes(to);
        int count = 0;
        for (int i = bytes.AsSpan().IndexOf(a); i >= 0;)
        {
            b.CopyTo(bytes, i);
            count++;
            int next = bytes.AsSpan(i + a.Length).IndexOf(a);
            i = next < 0 ? -1 : i + a.Length + next;
        }

        Assert.True(count > 0, $"{from} not found in {file}");
        File.WriteAllBytes(PathOf(file), bytes);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test over it is not.
        }
    }
}
