using System.Runtime.Versioning;
using LatentPlayground.Audio.Wav;

namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>Files on disk: written whole or not at all, never a half file, never a lost old file.</summary>
public class WavFileWriterTests
{
    private static readonly byte[] OldContent = "the previous take, which must survive"u8.ToArray();

    [Theory]
    [InlineData(WavSampleFormat.Pcm24)]
    [InlineData(WavSampleFormat.Float32)]
    public void A_written_file_reads_back_and_leaves_no_temporary_file(WavSampleFormat format)
    {
        using var folder = new TempFolder();
        string path = folder.File("out.wav");
        float[][] samples = [TestSignals.Int24Grid(1, 3000), TestSignals.Int24Grid(2, 3000)];

        WavWriter.Write(path, new WavAudio(48000, samples), format);

        Assert.Equal(["out.wav"], folder.Entries());
        WavAudio back = WavReader.Read(path);
        Assert.Equal(samples[0], back.Samples[0]);
        Assert.Equal(samples[1], back.Samples[1]);
    }

    [Fact]
    public void An_existing_file_is_replaced()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.wav");
        File.WriteAllBytes(path, OldContent);

        WavWriter.Write(path, new WavAudio(48000, [[0.5f, -0.5f]]), WavSampleFormat.Float32);

        Assert.Equal([0.5f, -0.5f], WavReader.Read(path).Samples[0]);
        Assert.Equal(["out.wav"], folder.Entries());
    }

    [Fact]
    public void Samples_go_to_a_hidden_temporary_file_in_the_same_folder_until_commit()
    {
        using var folder = new TempFolder();
        string path = folder.File("take.wav");
        File.WriteAllBytes(path, OldContent);

        using (WavFileWriter writer = WavFileWriter.Create(path, 48000, 1, WavSampleFormat.Float32))
        {
            writer.WriteInterleaved([0.25f, 0.5f]);
            string temp = Path.GetFileName(writer.TemporaryPath);
            Assert.StartsWith(".take.wav.tmp-", temp, StringComparison.Ordinal);
            Assert.Equal(folder.Path, Path.GetDirectoryName(writer.TemporaryPath));
            Assert.Equal(new[] { temp, "take.wav" }.Order(StringComparer.Ordinal), folder.Entries());
            Assert.Equal(OldContent, File.ReadAllBytes(path));

            writer.Commit();
            Assert.Equal(2, writer.FramesWritten);
        }

        Assert.Equal(["take.wav"], folder.Entries());
        Assert.Equal([0.25f, 0.5f], WavReader.Read(path).Samples[0]);
    }

    [Fact]
    public void An_exception_from_the_sample_source_mid_write_leaves_the_old_file_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.wav");
        File.WriteAllBytes(path, OldContent);

        Assert.Throws<InvalidDataException>(() =>
        {
            using WavFileWriter writer = WavFileWriter.Create(path, 48000, 2, WavSampleFormat.Pcm24);
            foreach (float[] block in FailingSource())
            {
                writer.WriteInterleaved(block);
            }

            writer.Commit();
        });

        Assert.Equal(OldContent, File.ReadAllBytes(path));
        Assert.Equal(["out.wav"], folder.Entries());
    }

    [Fact]
    public void Disposing_without_commit_writes_nothing()
    {
        using var folder = new TempFolder();
        using (WavFileWriter writer = WavFileWriter.Create(folder.File("never.wav"), 48000, 1, WavSampleFormat.Float32))
        {
            writer.WriteInterleaved(new float[100]);
        }

        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void A_missing_folder_is_reported_by_name_and_creates_nothing()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "missing", "out.wav");

        var e = Assert.Throws<WavFileException>(() => WavWriter.Write(path, new WavAudio(48000, [[0f]]), WavSampleFormat.Float32));

        Assert.Equal($"{path}: folder {Path.Combine(folder.Path, "missing")} does not exist", e.Message);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void A_folder_in_the_way_of_the_target_is_refused_and_kept()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.wav");
        Directory.CreateDirectory(path);
        File.WriteAllBytes(Path.Combine(path, "inside"), OldContent);

        var e = Assert.Throws<WavFileException>(() => WavWriter.Write(path, new WavAudio(48000, [[0f]]), WavSampleFormat.Float32));

        Assert.Equal($"{path}: is a folder, not a file", e.Message);
        Assert.Equal(["out.wav"], folder.Entries());
        Assert.Equal(OldContent, File.ReadAllBytes(Path.Combine(path, "inside")));
    }

    [Fact]
    public void A_rename_that_fails_at_commit_leaves_no_temporary_file_and_the_target_as_it_was()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.wav");
        using WavFileWriter writer = WavFileWriter.Create(path, 48000, 1, WavSampleFormat.Float32);
        writer.WriteInterleaved(new float[1000]);

        // A folder appearing at the target after the writer started makes the final rename fail.
        Directory.CreateDirectory(path);
        File.WriteAllBytes(Path.Combine(path, "inside"), OldContent);
        var e = Assert.Throws<WavFileException>(writer.Commit);

        Assert.StartsWith($"{path}: write failed: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(["out.wav"], folder.Entries());
        Assert.Equal(OldContent, File.ReadAllBytes(Path.Combine(path, "inside")));
        Assert.Throws<ObjectDisposedException>(() => writer.WriteInterleaved(new float[1]));
    }

    [EnforcedPermissionsFact]
    [SupportedOSPlatform("linux")]
    public void A_read_only_folder_is_reported_by_name_and_the_old_file_is_kept()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.wav");
        File.WriteAllBytes(path, OldContent);
        File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var e = Assert.Throws<WavFileException>(() => WavWriter.Write(path, new WavAudio(48000, [[0f]]), WavSampleFormat.Float32));

            Assert.Equal($"{path}: permission denied: cannot create a file in {folder.Path}", e.Message);
            Assert.Equal(OldContent, File.ReadAllBytes(path));
            Assert.Equal(["out.wav"], folder.Entries());
        }
        finally
        {
            File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static IEnumerable<float[]> FailingSource()
    {
        yield return new float[20000];
        yield return new float[20000];
        throw new InvalidDataException("the model fell over");
    }
}
