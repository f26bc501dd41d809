import type { DoctorCodeTexts } from "./doctor-types";

/** 每个诊断代码的说明（各代码对应的 go 输出见 docs/doctor.md）。 */
export const doctorCodesZhCN: DoctorCodeTexts = {
  "net.dns": {
    title: "主机名无法解析",
    why: "go 命令查不到该主机的地址：主机名拼写有误，或当前网络的 DNS（或 VPN）无法解析它。",
    fix: "检查主机名拼写以及 DNS 或 VPN 设置。如果该上游在此网络被屏蔽，请把 GOPROXY 切换到可访问的镜像。",
  },
  "net.refused": {
    title: "连接被拒绝",
    why: "主机有响应，但该端口上没有服务在监听：代理已停止，或 URL 中的端口有误。",
    fix: "更正 URL 或启动该服务；用“|”再加一个镜像，这个镜像不可用时 go 会故障切换到下一个。",
  },
  "net.timeout": {
    title: "主机未能及时响应",
    why: "连接或传输停滞了。go 命令没有总体超时，传输停滞时下载会一直挂起。",
    fix: "此网络无法访问该主机（在中国大陆访问 proxy.golang.org 和 sum.golang.org 时很常见）：请使用可访问的镜像，并设置 GOSUMDB=sum.golang.google.cn。",
  },
  "net.reset": {
    title: "连接被重置",
    why: "对方（或途中的中间设备）突然关闭了连接，常见原因是向 HTTPS 端口发送了明文 http:// 请求。",
    fix: "对该服务端点使用 https://，或询问公司代理或防火墙的管理员为何重置连接。",
  },
  "net.http_proxy": {
    title: "HTTP(S) 代理拒绝或未能完成连接",
    why: "go 命令经由 HTTPS_PROXY/HTTP_PROXY 中的代理访问网络，而该代理拒绝了请求或无法访问。",
    fix: "检查 HTTPS_PROXY 和 NO_PROXY（把内部主机加入 NO_PROXY），或申请把该主机加入公司代理的允许列表。",
  },
  "tls.unknown_authority": {
    title: "证书由未知的证书颁发机构签发",
    why: "该证书不是由本机信任的机构签发的：通常是会检查流量的公司 TLS 代理，或使用自签名证书的镜像。",
    fix: "把公司或镜像的根证书安装到系统信任库，或让 SSL_CERT_FILE 指向包含该证书的文件。切勿关闭证书验证。",
  },
  "tls.name_mismatch": {
    title: "证书属于另一个主机名",
    why: "服务器证书上的主机名与 URL 中的不同（或 URL 使用了 IP 地址）。",
    fix: "使用证书签发给的主机名，不要用别名或 IP 地址。",
  },
  "tls.expired": {
    title: "证书已过期或尚未生效",
    why: "要么本机时钟不对，要么服务器的证书已经失效。",
    fix: "检查系统日期和时间；如果时间正确，请告知该服务器的运维人员证书已过期。",
  },
  "tls.not_tls": {
    title: "该服务端点使用明文 HTTP，而不是 HTTPS",
    why: "URL 写的是 https://，但服务器以明文 HTTP 应答。",
    fix: "如果该服务端点确实只提供明文 HTTP，请改用 http://（凭据绝不会经明文发送）；否则修正服务器端口。",
  },
  "proxy.not_found": {
    title: "模块代理没有这个模块或版本（404/410）",
    why: "模块代理返回“未找到”：路径或版本有误、版本刚刚打标签，或者这是私有模块，公共代理看不到它。",
    fix: "检查模块路径和版本。私有模块请把它的模式加入 GOPRIVATE，让 go 直接获取；刚发布的标签可用 GOPROXY=direct 重试一次。",
  },
  "proxy.unauthorized": {
    title: "模块代理要求凭据（401）",
    why: "该模块代理需要登录，而 go 命令没有发送凭据（或发送的凭据被拒绝）。",
    fix: "为该主机添加凭据：在系统钥匙串中保存令牌并配置 GOAUTH（Go 1.24+），或在 .netrc 中同时添加“host”和“host:port”条目。凭据只经 https 发送。",
  },
  "proxy.forbidden": {
    title: "模块代理拒绝访问（403）",
    why: "模块代理识别了你的身份，但不允许访问此模块，或屏蔽了它。条目之间用“,”分隔时，403 会让 go 停止尝试后续条目。",
    fix: "检查令牌的权限范围或代理的规则；若希望被拒绝后尝试下一个代理，请用“|”分隔条目。",
  },
  "proxy.teapot": {
    title: "该镜像地址已停用（418）",
    why: "镜像在已停止服务的地址上返回 418（华为云的 Go 模块代理已迁至 /repository/goproxy/）。",
    fix: "切换到其他镜像，或改用该镜像的新地址。",
  },
  "proxy.server_error": {
    title: "模块代理出错（5xx）",
    why: "模块代理发生内部错误或故障。条目之间用“,”分隔时，遇到 5xx 后 go 不会尝试下一个条目。",
    fix: "在镜像之间使用“|”（A|B,direct）实现故障切换，或换用测速结果中的下一个镜像。",
  },
  "proxy.bad_response": {
    title: "模块代理返回了无效的应答",
    why: "应答不符合模块代理协议：代理本身有问题，或网络认证页面返回了网页。",
    fix: "切换到其他镜像并向其运维人员报告；如果网络有认证页面，请先登录。",
  },
  "auth.git_prompt": {
    title: "git 需要凭据却无法询问",
    why: "该模块通过 git 直接获取，主机要求登录，而 go 命令不允许 git 在终端中提示输入。",
    fix: "为 git 提供无需询问的凭据：凭据助手（可在“私有模块”页面设置），或 $HOME/.netrc 中的“machine”条目。",
  },
  "auth.repo_missing_or_denied": {
    title: "仓库不存在或凭据无权访问",
    why: "主机返回“未找到”或“禁止访问”。许多主机在令牌无权查看仓库时也会返回“未找到”。",
    fix: "检查仓库路径以及令牌的仓库权限范围（需要该仓库的读取权限）。",
  },
  "auth.insecure_url": {
    title: "go 拒绝通过明文 HTTP 发送凭据",
    why: "凭据配置在 http:// URL 上，而 go 命令绝不会以未加密的方式发送凭据。",
    fix: "模块代理改用 https:// URL，并把凭据从 URL 中移出（系统钥匙串配合 GOAUTH，或 .netrc）。",
  },
  "auth.goauth_helper_failed": {
    title: "GOAUTH 命令执行失败",
    why: "GOAUTH 中指定的命令无法运行，或其输出 go 命令无法解析。",
    fix: "修复或重新安装 GOAUTH 路径上的助手程序；其输出必须是 URL 行、空行、请求头、空行。",
  },
  "checksum.gosum_mismatch": {
    title: "下载内容与 go.sum 不一致",
    why: "安全问题：模块内容与 go.sum 之前记录的不同。模块被重新打了标签，或有人提供了被篡改的代码。",
    fix: "不要绕过此检查。在修改任何内容之前，先用第二个来源（另一个镜像，或 GOPROXY=direct）核对 go.sum；核对之后才运行 go clean -modcache。",
  },
  "checksum.sumdb_mismatch": {
    title: "下载内容与校验和数据库不一致",
    why: "安全问题：模块代理提供的内容与公共校验和数据库的记录不同。",
    fix: "停止使用该镜像并报告此问题；在信任该模块之前先与其他来源核对。切勿关闭校验和数据库。",
  },
  "checksum.sumdb_unreachable": {
    title: "无法访问校验和数据库",
    why: "go 命令会用校验和数据库验证每个新模块，而此网络无法访问该服务器。",
    fix: "使用能转发校验和数据库的模块代理，或设置 GOSUMDB=sum.golang.google.cn。切勿设置 GOSUMDB=off。",
  },
  "checksum.private_module_lookup": {
    title: "在公共校验和数据库中查询了私有模块",
    why: "公共校验和数据库不可能知道私有模块，因此查询会以 404 或 410 失败。",
    fix: "把该模块自身的模式加入 GOPRIVATE（若由私有代理提供，则加入 GONOSUMDB）。",
  },
  "version.unknown_revision": {
    title: "该版本不存在",
    why: "仓库中没有这个标签、分支或提交（或尚未推送）。",
    fix: "用 git ls-remote 检查版本；刚推送的标签可能还没到镜像上，可用 GOPROXY=direct 重试一次。",
  },
  "version.not_found_on_proxy": {
    title: "此模块代理上没有该版本",
    why: "这个模块代理（通常是 file:// 代理）没有该版本，而 GOPROXY 中它之后没有可尝试的条目。",
    fix: "把该版本加入该代理，或在 GOPROXY 中它的后面加上备用条目。",
  },
  "version.no_match": {
    title: "没有符合查询的版本",
    why: "该模块没有符合请求（例如“latest”）的已标记或可用版本，或路径有误。",
    fix: "请求一个明确的版本或提交，或检查模块路径。",
  },
  "package.not_in_module": {
    title: "没有模块提供该包",
    why: "导入路径指向的模块不包含该包，常见原因是缺少 /v2 之类的主版本后缀。",
    fix: "检查导入路径及其主版本后缀，然后 go get 真正提供该包的模块。",
  },
  "path.malformed": {
    title: "模块路径或导入路径格式错误",
    why: "路径不符合 Go 的规则：第一段必须是带点的小写主机名，且不能有双斜杠或结尾斜杠。",
    fix: "更正路径；只有第一段之后才允许大写字母。",
  },
  "config.goproxy": {
    title: "GOPROXY 无效",
    why: "GOPROXY 为空，或含有 go 命令无法使用的条目（缺少或不支持的协议）。",
    fix: "把 GOPROXY 重置为 Go 的默认值，或把每个条目写成完整的 https:// URL。",
  },
  "config.goproxy_off": {
    title: "模块下载已被禁用",
    why: "GOPROXY=off（或 -mod=readonly、-mod=vendor）让 go 命令不下载任何内容。",
    fix: "如果并非有意，请重置 GOPROXY 或选择一个镜像；否则请先用 go mod download 下载所需模块。",
  },
  "config.gosumdb": {
    title: "GOSUMDB 无效",
    why: "go 命令无法解析 GOSUMDB，因此无法验证下载内容。",
    fix: "使用 sum.golang.org、sum.golang.google.cn，或 名称+哈希+公钥 [url]；重置 GOSUMDB 即恢复 Go 的默认值。",
  },
  "config.goauth": {
    title: "GOAUTH 无效",
    why: "GOAUTH 含有空命令、把 off 与其他方式混用，或指定的 git 目录不是绝对路径或不存在。",
    fix: "删除结尾的“;”，单独使用 off，或为 git 指定一个存在的绝对路径目录；重置 GOAUTH 即恢复 Go 的默认值。",
  },
  "config.gotoolchain": {
    title: "GOTOOLCHAIN 无效或工具链不可用",
    why: "go 命令拒绝 GOTOOLCHAIN 的值，或 go.mod 需要比可用（或可下载）的 Go 更新的版本。",
    fix: "把 GOTOOLCHAIN 设为 auto 或 local（重置即恢复 Go 的默认值）；若提示“requires go >=”，请安装更新的 Go 或允许 auto。",
  },
  "config.goflags": {
    title: "GOFLAGS 无效",
    why: "GOFLAGS 的每一项都必须是 go 命令认识的 -flag=value，其中有一项不是。",
    fix: "修正或删除错误的项；重置 GOFLAGS 总能恢复（go env 仍可正常使用）。",
  },
  "config.goenv": {
    title: "go 找不到它的环境配置文件",
    why: "go 命令根据 XDG_CONFIG_HOME 或 HOME 确定 GOENV 文件的位置，而两者都没有给出绝对路径。",
    fix: "把 XDG_CONFIG_HOME 改为绝对路径或设置 HOME，或让 GOENV 指向一个文件。这需要在 shell 或服务的环境中修改，而不是在 go env 中。",
  },
  "config.govcs": {
    title: "GOVCS 不允许使用该版本控制系统",
    why: "GOVCS 限制了 go 命令对某些模块路径可以运行哪些版本控制工具，而当前工具不在允许之列。",
    fix: "为该模式允许该工具（例如 GOVCS=corp.example.com:git），或通过模块代理提供该模块。",
  },
  "config.go_import_meta": {
    title: "该主机不提供 go-import 元标签",
    why: "直接获取模块时，go 会向主机请求 ?go-get=1 并期望得到 go-import 元标签，但没有得到。",
    fix: "通过模块代理获取；私有主机可在模块路径中加上 .git；或修复自定义导入路径服务器。",
  },
};
