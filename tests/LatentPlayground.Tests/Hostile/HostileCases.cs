namespace LatentPlayground.Tests.Hostile;

/// <summary>One hostile command line: its arguments in a world and a scratch folder, and the exit codes allowed.</summary>
/// <param name="Name">Unique, says the command, the slot and the hostile value.</param>
/// <param name="Args">The arguments, given the world and the case's own empty scratch folder.</param>
/// <param name="Codes">The exit codes the contract allows; 0 only where the input may turn out valid (mutations).</param>
public sealed record HostileCase(string Name, Func<HostileWorld, string, string[]> Args, int[] Codes);

/// <summary>
/// The catalogue: every command that reads or writes files, each file slot crossed with each hostile value that
/// slot can meet, plus seeded mutations of valid WAVs, presets and model manifests. Built the same on every run.
/// </summary>
public static class HostileCases
{
    /// <summary>What can be handed where a file is read.</summary>
    public static readonly string[] InputKinds =
    [
        "missing", "empty-string", "folder", "fifo", "zero-link", "dev-zero", "dev-null", "dev-urandom", "dangling",
        "empty-file", "garbage", "huge-sparse", "long-name", "through-file",
    ];

    /// <summary>What can be handed where a folder is read.</summary>
    public static readonly string[] FolderKinds =
    [
        "empty-string", "empty-file", "garbage", "fifo", "zero-link", "dev-null", "dangling", "long-name", "through-file",
    ];

    /// <summary>What can be handed where a file is written, besides the command's own inputs.</summary>
    public static readonly string[] OutputKinds =
    [
        "empty-string", "folder", "dev-null", "fifo", "zero-link", "dangling", "missing-folder", "through-file", "long-name",
    ];

    /// <summary>The command's own inputs, spelt other ways, as outputs.</summary>
    public static readonly string[] InputAsOutputKinds = ["input-wav", "input-wav-dotdot", "input-wav-link", "input-wav-hardlink", "input-preset", "input-preset-link"];

    public const int Mutations = 20;

    private static readonly int[] Usage = [2];
    private static readonly int[] UsageOrOk = [0, 2];

    public static IReadOnlyDictionary<string, HostileCase> All { get; } = Build();

    private static Dictionary<string, HostileCase> Build()
    {
        var cases = new List<HostileCase>();
        void Add(string name, Func<HostileWorld, string, string[]> args, int[]? codes = null) => cases.Add(new HostileCase(name, args, codes ?? Usage));
        static string Out(string scratch, string file) => Path.Combine(scratch, file);

        foreach (string k in InputKinds)
        {
            Add($"render IN={k}", (w, s) => ["render", w.PathOf(k), Out(s, "out.wav")]);
            Add($"render --preset={k}", (w, s) => ["render", w.Wav, Out(s, "out.wav"), "--preset", w.PathOf(k)]);
            Add($"preset show {k}", (w, s) => ["preset", "show", w.PathOf(k), "--bank", w.Bank]);
            Add($"preset save --from={k}", (w, s) => ["preset", "save", "New", "--bank", Out(s, "bank"), "--from", w.PathOf(k)]);
            Add($"midi analyze {k}", (w, s) => ["midi", "analyze", w.PathOf(k)]);
            Add($"model import MODEL={k}", (w, s) => ["model", "import", w.PathOf(k), "--out", Out(s, "model")]);
            Add($"display --preset={k}", (w, s) => ["display", "--page", "home", "--out", Out(s, "p.png"), "--preset", w.PathOf(k)]);
            Add($"run --config={k}", (w, s) => ["run", "--config", w.PathOf(k), "--duration", "1"]);
        }

        foreach (string k in FolderKinds)
        {
            Add($"render --model={k}", (w, s) => ["render", w.Wav, Out(s, "out.wav"), "--model", w.PathOf(k)]);
            Add($"model info {k}", (w, s) => ["model", "info", w.PathOf(k)]);
            Add($"display --model={k}", (w, s) => ["display", "--page", "home", "--out", Out(s, "p.png"), "--model", w.PathOf(k)]);
            Add($"preset list --bank={k}", (w, s) => ["preset", "list", "--bank", w.PathOf(k)]);
            Add($"preset save --bank={k}", (w, s) => ["preset", "save", "New", "--bank", w.PathOf(k)]);
            Add($"model import --out={k}", (w, s) => ["model", "import", w.Wav, "--out", w.PathOf(k)]);
        }

        foreach (string k in OutputKinds.Concat(InputAsOutputKinds))
        {
            Add($"render OUT={k}", (w, s) => ["render", w.Wav, w.PathOf(k), "--preset", w.Preset]);
            Add($"render --latents={k}", (w, s) => ["render", w.Wav, Out(s, "out.wav"), "--latents", w.PathOf(k), "--preset", w.Preset]);
        }

        // modulate and display read no file of the world: only the outputs that are never allowed.
        foreach (string k in OutputKinds)
        {
            Add($"modulate --out={k}", (w, s) => ["modulate", "--out", w.PathOf(k)]);
            Add($"display --out={k}", (w, s) => ["display", "--page", "home", "--out", PngOf(w.PathOf(k))]);
        }

        Add("render OUT=--latents", (w, s) => ["render", w.Wav, Out(s, "same"), "--latents", Out(s, "same")]);
        Add("render OUT=--latents spelt with ..", (w, s) => ["render", w.Wav, Out(s, "same"), "--latents", Path.Combine(s, "..", Path.GetFileName(s), "same")]);
        Add("render WAV at 1 Hz", (w, s) => ["render", WavAt(s, 1), Out(s, "out.wav")]);
        Add("render WAV at 4 GHz", (w, s) => ["render", WavAt(s, int.MaxValue), Out(s, "out.wav")]);
        Add("preset save NAME=empty", (w, s) => ["preset", "save", "", "--bank", Out(s, "bank")]);
        Add("preset save NAME=spaces", (w, s) => ["preset", "save", "   ", "--bank", Out(s, "bank")]);
        Add("preset save NAME=5000 characters", (w, s) => ["preset", "save", new string('n', 5000), "--bank", Out(s, "bank")]);
        Add("preset show NAME=empty", (w, s) => ["preset", "show", "", "--bank", w.Bank]);
        Add("model info latency_samples=int.MaxValue", (w, s) => ["model", "info", PackageWith(s, m => m.Replace("\"latency_samples\": 368", "\"latency_samples\": 2147483647", StringComparison.Ordinal))]);
        Add("render latency_samples=10^9", (w, s) => ["render", w.Wav, Out(s, "out.wav"), "--model", PackageWith(s, m => m.Replace("\"latency_samples\": 368", "\"latency_samples\": 1000000000", StringComparison.Ordinal))]);
        Add("model info decoder.onnx=FIFO", (w, s) => ["model", "info", PackageWith(s, m => m, fifo: "decoder.onnx")]);

        // Latent composition (issue 19): every file slot of `latents` and `render --latent-source`.
        foreach (string k in InputKinds)
        {
            Add($"latents stats {k}", (w, s) => ["latents", "stats", w.PathOf(k)]);
            Add($"latents decode IN={k}", (w, s) => ["latents", "decode", w.PathOf(k), Out(s, "out.wav")]);
            Add($"latents encode IN={k}", (w, s) => ["latents", "encode", w.PathOf(k), Out(s, "out.npy")]);
            Add($"latents generate --from={k}", (w, s) => ["latents", "generate", "--from", w.PathOf(k), "--pattern", "fibo", "--out", Out(s, "out.npy")]);
            Add($"render --latent-source={k}", (w, s) => ["render", w.Wav, Out(s, "out.wav"), "--latent-source", w.PathOf(k)]);
        }

        foreach (string k in OutputKinds.Concat(InputAsOutputKinds))
        {
            Add($"latents encode OUT={k}", (w, s) => ["latents", "encode", w.Wav, w.PathOf(k)]);
        }

        // The world's WAV and preset are not their inputs: only the outputs never allowed, and their own input.
        foreach (string k in OutputKinds)
        {
            Add($"latents decode OUT={k}", (w, s) => ["latents", "decode", LatentIn(s), w.PathOf(k)]);
            Add($"latents generate --out={k}", (w, s) => ["latents", "generate", "--from", LatentIn(s), "--pattern", "orale", "--out", w.PathOf(k)]);
        }

        Add("latents decode OUT=IN", (w, s) => ["latents", "decode", LatentIn(s, wav: true), LatentIn(s, wav: true)]);
        Add("latents generate --out=--with", (w, s) => ["latents", "generate", "--from", LatentIn(s), "--with", LatentIn(s, wav: true), "--pattern", "swapper", "--out", LatentIn(s, wav: true)]);
        Add("render OUT=--latent-source", (w, s) => ["render", w.Wav, LatentIn(s, wav: true), "--latent-source", LatentIn(s, wav: true)]);

        for (int i = 0; i < Mutations; i++)
        {
            int seed = HostileWorld.Seed * 1000 + i;
            Add($"latents stats mutated .npy #{i}", (w, s) => ["latents", "stats", Mutated(LatentIn(s), s, "m.npy", seed, 16)], UsageOrOk);
            Add($"latents stats mutated latent WAV #{i}", (w, s) => ["latents", "stats", Mutated(LatentIn(s, wav: true), s, "m.wav", seed, 16)], UsageOrOk);
        }

        for (int i = 0; i < Mutations; i++)
        {
            int seed = HostileWorld.Seed * 1000 + i;
            Add($"render IN=mutated WAV #{i}", (w, s) => ["render", Mutated(w.Wav, s, "in.wav", seed, 64), Out(s, "out.wav")], UsageOrOk);
            Add($"preset show mutated preset #{i}", (w, s) => ["preset", "show", Mutated(w.Preset, s, "p.json", seed, 0), "--bank", w.Bank], UsageOrOk);
            Add($"model info mutated manifest #{i}", (w, s) => ["model", "info", PackageWith(s, m => MutateText(m, seed))], UsageOrOk);
        }

        return cases.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    // display insists on a .png name; a hostile value gets one where it is a name, and stays itself where it is a thing.
    private static string PngOf(string path) => path.Length == 0 || Directory.Exists(path) || path.StartsWith("/dev/", StringComparison.Ordinal)
        || File.Exists(path) || new FileInfo(path).LinkTarget is not null
        ? path
        : path + ".png";

    // A copy of the valid file with `flips` bytes changed at seeded places in its first 512 bytes (0: anywhere).
    private static string Mutated(string source, string scratch, string name, int seed, int flips)
    {
        byte[] bytes = File.ReadAllBytes(source);
        var random = new Random(seed);
        int span = flips > 0 ? Math.Min(512, bytes.Length) : bytes.Length;
        for (int i = 0; i < Math.Max(flips, 3); i++)
        {
            bytes[random.Next(span)] = (byte)random.Next(256);
        }

        string path = Path.Combine(scratch, "in", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // A manifest with a few seeded edits: digits changed, characters dropped or doubled.
    private static string MutateText(string text, int seed)
    {
        var random = new Random(seed);
        char[] chars = text.ToCharArray();
        var list = new List<char>(chars);
        for (int i = 0; i < 4; i++)
        {
            int at = random.Next(list.Count);
            switch (random.Next(3))
            {
                case 0:
                    list[at] = "0123456789-e.\"{}[],"[random.Next(19)];
                    break;
                case 1:
                    list.RemoveAt(at);
                    break;
                default:
                    list.Insert(at, list[at]);
                    break;
            }
        }

        return new string([.. list]);
    }

    // The default package with its own model.json: links to the bundled graphs and states.
    private static string PackageWith(string scratch, Func<string, string> manifest, string? fifo = null)
    {
        string folder = Path.Combine(scratch, "in", "model");
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.EnumerateFiles(HostileWorld.DefaultModel))
        {
            string name = Path.GetFileName(file);
            string target = Path.Combine(folder, name);
            if (name == "model.json")
            {
                File.WriteAllText(target, manifest(File.ReadAllText(file)));
            }
            else if (name == fifo)
            {
                using var mk = System.Diagnostics.Process.Start("mkfifo", target);
                mk.WaitForExit();
            }
            else
            {
                File.CreateSymbolicLink(target, file);
            }
        }

        return folder;
    }

    // A small valid latent file of the bundled model's 8 dimensions, values beyond ±1.
    private static string LatentIn(string scratch, bool wav = false)
    {
        string path = Path.Combine(scratch, "in", wav ? "latent.wav" : "latent.npy");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var array = new LatentPlayground.Core.Latents.LatentArray(6, 8, [.. Enumerable.Range(0, 48).Select(i => (i - 20) * 0.3)]);
        using var stream = File.Create(path);
        if (wav)
        {
            LatentPlayground.Core.Latents.LatentWavCodec.Write(stream, array, 23.4375);
        }
        else
        {
            LatentPlayground.Core.Latents.NpyCodec.Write(stream, array, LatentPlayground.Core.Latents.LatentPrecision.Bits64);
        }

        return path;
    }

    // A short valid WAV whose header claims another sample rate.
    private static string WavAt(string scratch, int rate)
    {
        string path = Path.Combine(scratch, "in", $"rate-{rate}.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new MemoryStream();
        LatentPlayground.Audio.Wav.WavWriter.Write(stream, path, new LatentPlayground.Audio.Wav.WavAudio(48000, [new float[4800]]), LatentPlayground.Audio.Wav.WavSampleFormat.Float32);
        byte[] bytes = stream.ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(24, 4), rate);
        BitConverter.TryWriteBytes(bytes.AsSpan(28, 4), (long)rate * 4 > uint.MaxValue ? uint.MaxValue : (uint)(rate * 4L));
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
