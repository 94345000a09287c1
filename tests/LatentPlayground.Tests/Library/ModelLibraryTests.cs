using LatentPlayground.Library;
using LatentPlayground.Tests.Live;

namespace LatentPlayground.Tests.Library;

/// <summary>
/// The model library's scan: the default first, then the models folder and the extra folders in name order; a
/// folder that is not a usable package is one warning naming it and its problem; a second package of a name already
/// taken is one warning naming both; hidden folders and lost+found pass silently; extra folders may hold a <c>*</c>.
/// </summary>
public sealed class ModelLibraryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-library-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(params string[] parts) => Path.Combine([_folder, .. parts]);

    [Fact]
    public void Valid_packages_join_in_order_and_each_invalid_or_duplicate_one_is_one_warning()
    {
        string defaultFolder = SwapRig.MakePackage(_folder, "default", "the-default", 2048, 368);
        string models = PathOf("models");
        SwapRig.MakePackage(models, "b-hop512", "small", 512, 0);
        SwapRig.MakePackage(models, "a-44k", "slow", 4096, 25000, rate: 44100);
        SwapRig.MakePackage(models, "c-same-name", "small", 1024, 0);
        SwapRig.MakePackage(models, "d-takes-the-default-name", "the-default", 1024, 0);
        string badHop = SwapRig.MakePackage(models, "e-bad-hop", "bad-hop", 1024, 0);
        File.WriteAllText(Path.Combine(badHop, "model.json"), File.ReadAllText(Path.Combine(badHop, "model.json")).Replace("\"hop\":1024", "\"hop\":100", StringComparison.Ordinal));
        string noDecoder = SwapRig.MakePackage(models, "f-no-decoder", "no-decoder", 1024, 0);
        File.Delete(Path.Combine(noDecoder, "decoder.onnx"));
        Directory.CreateDirectory(PathOf("models", "g-empty"));
        Directory.CreateDirectory(PathOf("models", ".Trash-1000"));
        Directory.CreateDirectory(PathOf("models", "lost+found"));
        File.WriteAllText(PathOf("models", "README.txt"), "not a folder");

        var warnings = new List<string>();
        ModelLibrary library = ModelLibrary.Scan(defaultFolder, models, [], warnings);

        Assert.Equal(["the-default", "slow", "small"], library.Entries.Select(e => e.Name));
        Assert.Equal("the-default", library.Default.Name);
        Assert.Equal("default", library.Default.Source);
        ModelEntry slow = library.Find("slow")!;
        Assert.Equal((4096, 44100, 25000, "models folder"), (slow.Hop, slow.SampleRate, slow.LatencySamples, slow.Source));
        Assert.Equal(PathOf("models", "b-hop512"), library.Find("small")!.Folder);
        Assert.Null(library.Find("bad-hop"));
        Assert.Null(library.Find(null));

        Assert.Equal(
        [
            $"model {PathOf("models", "c-same-name")}: skipped: its name \"small\" is already taken by {PathOf("models", "b-hop512")} (give one another name: model import --name)",
            $"model {PathOf("models", "d-takes-the-default-name")}: skipped: its name \"the-default\" is already taken by {defaultFolder} (give one another name: model import --name)",
            $"model {PathOf("models", "e-bad-hop")}: skipped: model.json: hop 100 is not supported (the engine runs hops of 512 to 4096 samples)",
            $"model {PathOf("models", "f-no-decoder")}: skipped: decoder.onnx: missing",
            $"model {PathOf("models", "g-empty")}: skipped: model.json: missing",
        ], warnings);
    }

    [Fact]
    public void Extra_folders_are_scanned_when_they_exist_with_a_star_for_any_folder_name()
    {
        string defaultFolder = SwapRig.MakePackage(_folder, "default", "the-default", 2048, 368);
        SwapRig.MakePackage(PathOf("media", "player", "STICK", "latentplayground-models"), "x", "from-stick", 1024, 0);
        SwapRig.MakePackage(PathOf("media", "OTHER", "latentplayground-models"), "y", "from-other", 512, 0);

        var warnings = new List<string>();
        ModelLibrary library = ModelLibrary.Scan(defaultFolder, PathOf("no-models-folder-yet"),
            [PathOf("media") + "/*/latentplayground-models", PathOf("media") + "/*/*/latentplayground-models", PathOf("not", "mounted")], warnings);

        Assert.Empty(warnings);
        Assert.Equal(["the-default", "from-other", "from-stick"], library.Entries.Select(e => e.Name));
        Assert.Equal(PathOf("media") + "/*/*/latentplayground-models", library.Find("from-stick")!.Source);
        Assert.Equal([PathOf("media", "OTHER", "latentplayground-models")], ModelLibrary.Expand(PathOf("media") + "/*/latentplayground-models"));
    }

    [Fact]
    public void A_default_model_that_is_not_a_package_stops_the_scan_with_its_problem()
    {
        var e = Assert.Throws<Inference.ModelPackageException>(() => ModelLibrary.Scan(PathOf("nothing"), null, [], new List<string>()));
        Assert.StartsWith($"{PathOf("nothing")}: no such model folder", e.Message, StringComparison.Ordinal);
    }
}
