#include "common/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "common/input_error.hpp"

namespace landbridge {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  std::string temp_leaf = path.filename().string();
  temp_leaf.insert(temp_leaf.begin(), '.');
  temp_leaf += ".tmp.XXXXXX";
  std::string temp_name = (folder / temp_leaf).string();
  const int fd = ::mkstemp(temp_name.data());
  if (fd < 0) {
    throw InputError(path.string(), "", "", std::string("cannot create a file here: ") + std::strerror(errno));
  }
  auto fail = [&](const char* what) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temp_name.c_str());
    throw InputError(path.string(), "", "", std::string(what) + ": " + std::strerror(saved));
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0) fail("cannot set permissions");
  if (::fsync(fd) != 0) fail("cannot flush to disk");
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp_name.c_str());
    throw InputError(path.string(), "", "", std::string("cannot close: ") + std::strerror(saved));
  }
  if (std::rename(temp_name.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp_name.c_str());
    throw InputError(path.string(), "", "", std::string("cannot rename into place: ") + std::strerror(saved));
  }
}

}  // namespace landbridge
