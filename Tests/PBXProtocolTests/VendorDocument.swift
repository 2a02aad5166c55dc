// The message demos and templates of the vendor document
// `/work/shared/spec/guowei-ippbx-pms-protocol.zh.txt`, copied line for line (Chinese comments,
// trailing blanks, tabs and typos included). ``VendorDocument/wireBytes(_:)`` turns one into the
// bytes a PBX would send.

enum VendorDocument {
    /// §3.1 login request template (登录 1）): document lines 47–52.
    static let loginRequestTemplate = #"""
ServiceType: PMS
Action: UserLogin
SeqID: xxxxx
CallMethod: Account
User: xxxx                ----登录账号
Password: xxxx
"""#

    /// §3.1 login Success reply template (登录 2）): document lines 55–60.
    static let loginSuccessTemplate = #"""
ServiceType: PMS
Action: UserLogin
SeqID: xxxxx
Response: Success            -----Success: 成功
CallMethod: Account        
User: xxxx                ----登录账号
"""#

    /// §3.1 login Error reply template (登录 2）): document lines 62–67.
    static let loginErrorTemplate = #"""
ServiceType: PMS
Action: UserLogin
SeqID: xxxxx
Response: Error            ----- Error: 失败
CallMethod: Account        
Message: xxxx              ----- 失败原因
"""#

    /// §3.1 login request demo (登录 3）Demo), with the trailing space in `ServiceType: PMS `: document lines 70–75.
    static let loginRequestDemo = #"""
ServiceType: PMS \r\n
Action: UserLogin\r\n
SeqID: 123456\r\n
CallMethod: Account\r\n
User: admin\r\n
Password: admin\r\n\r\n
"""#

    /// §3.1 login Success reply demo (it echoes `Password`): document lines 77–83.
    static let loginSuccessDemo = #"""
ServiceType: PMS \r\n
Action: UserLogin\r\n
SeqID: 123456\r\n
Response: Success\r\n
CallMethod: Account\r\n
User: admin\r\n
Password: admin\r\n\r\n
"""#

    /// §3.1 login Error reply demo (no blank line before it in the document): document lines 84–89.
    static let loginErrorDemo = #"""
ServiceType: PMS \r\n
Action: UserLogin\r\n
SeqID: 123456\r\n
Response: Error\r\n
CallMethod: Account\r\n
Message: User Login failed, Password Wrong ! \r\n\r\n
"""#

    /// §3.2 logout request template (登出 1）): document lines 93–98.
    static let logoutRequestTemplate = #"""
ServiceType: PMS
Action: UserLogout
SeqID: xxxxx
CallMethod: Account
User: xxxx                ----登出账号
Password: xxxx
"""#

    /// §3.2 logout Success reply template (`CallMethod` before `Response`): document lines 101–106.
    static let logoutSuccessTemplate = #"""
ServiceType: PMS
Action: UserLogout
SeqID: xxxxx
CallMethod: Account        
Response: Success       -----Success: 成功
User: xxxx               ----登出账号
"""#

    /// §3.2 logout Error reply template (`CallMethod` twice): document lines 108–114.
    static let logoutErrorTemplate = #"""
ServiceType: PMS
Action: UserLogout
SeqID: xxxxx
CallMethod: Account        
Response: Error            ----- Error: 失败
CallMethod: Account        
Message: xxxx              ----- 失败原因
"""#

    /// §3.3 heartbeat request template (心跳 1）): document lines 119–123.
    static let heartbeatRequestTemplate = #"""
ServiceType: PMS
Action: UserLogin
SeqID: xxxxx
CallMethod: HeartBeat
User: xxxx                ----账号
"""#

    /// §3.3 heartbeat reply template (心跳 2）, `Response` last): document lines 126–131.
    static let heartbeatReplyTemplate = #"""
ServiceType: PMS
Action: UserLogin
SeqID: xxxxx
CallMethod: HeartBeat
User: xxxx                ----账号
Response: Success       -----Success: 成功
"""#

    /// §3.3 heartbeat request demo: stray `\r\n\r\n` after `CallMethod: HeartBeat`: document lines 134–138.
    static let heartbeatRequestDemo = #"""
ServiceType: PMS \r\n
Action: UserLogin\r\n
SeqID: 123456\r\n
CallMethod: HeartBeat\r\n\r\n
User: xxxx                ----账号
"""#

    /// §3.3 heartbeat reply demo (the `User` line has no `\r\n`): document lines 140–145.
    static let heartbeatReplyDemo = #"""
ServiceType: PMS \r\n
Action: UserLogin\r\n
SeqID: 123456\r\n
CallMethod: HeartBeat\r\n
User: xxxx                ----账号
Response: Success\r\n\r\n
"""#

    /// §4.1 ExtenLimit request template: document lines 150–155.
    static let extenLimitRequestTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
CallMethod: ExtenLimit
Phone: xxxx      
Limit: x           -----1-设备内部，2-企业内部，3-市话，4-国内长途，5-国际长途
"""#

    /// §4.1 ExtenLimit Success reply template: document lines 158–164.
    static let extenLimitSuccessTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
Response: Success            -----Success: 成功
CallMethod: ExtenLimit
Phone: xxxx     
Limit: x           -----1-设备内部，2-企业内部，3-市话，4-国内长途，5-国际长途
"""#

    /// §4.1 ExtenLimit Error reply template: document lines 166–172.
    static let extenLimitErrorTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
Response: Error            ----- Error: 失败
CallMethod: ExtenLimit
Phone: xxxx      
Message: xxxx              ----- 失败原因
"""#

    /// §4.1 ExtenLimit demo: document lines 175–180.
    static let extenLimitDemo = #"""
ServiceType: PMS\r\n
Action: Set\r\n
SeqID: 123456\r\n
CallMethod: ExtenLimit\r\n
Phone: 8001\r\n
Limit: 4\r\n\r\n       -----国内长途
"""#

    /// §4.2 ExtenName request template: document lines 185–190.
    static let extenNameRequestTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
CallMethod: ExtenName
Phone: xxxx           ----分机
Name: xxxx           -----分机姓名
"""#

    /// §4.2 ExtenName Success reply template: document lines 193–199.
    static let extenNameSuccessTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
Response: Success            -----Success: 成功
CallMethod: ExtenName
Phone: xxxx           ----分机
Name: xxxx           -----分机姓名
"""#

    /// §4.2 ExtenName Error reply template: document lines 201–208.
    static let extenNameErrorTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
Response: Error            ----- Error: 失败
CallMethod: ExtenName
Phone: xxxx           ----分机
Name: xxxx           -----分机姓名
Message: xxxx              ----- 失败原因
"""#

    /// §4.2 ExtenName demo: stray `\r\n\r\n` after `Phone: 8001`: document lines 211–216.
    static let extenNameDemo = #"""
ServiceType: PMS\r\n
Action: Set\r\n
SeqID: 123456\r\n
CallMethod: ExtenName\r\n
Phone: 8001\r\n\r\n
Name: 国威\r\n\r\n       ----国威转换成utf8格式编码发送
"""#

    /// §4.3 ExtenDND request template: document lines 221–228.
    static let extenDNDRequestTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
CallMethod: ExtenDND	---- Do Not Disturb
Phone: xxxx                
Use: x                        -----0-取消，1-设置 
Start: xxxx-xx-xx xx:xx:xx       ---开始时间
End: xxxx-xx-xx xx:xx:xx        ----结束时间
"""#

    /// §4.3 ExtenDND Success reply template: document lines 232–240.
    static let extenDNDSuccessTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
Response: Success            -----Success: 成功
CallMethod: ExtenDND	---- Do Not Disturb
Phone: xxxx                 
Use: x                        -----0-取消，1-设置 
Start: xxxx-xx-xx xx:xx:xx       ---开始时间
End: xxxx-xx-xx xx:xx:xx        ----结束时间
"""#

    /// §4.3 ExtenDND Error reply template: document lines 242–251.
    static let extenDNDErrorTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
Response: Error            ----- Error: 失败
CallMethod: ExtenDND	---- Do Not Disturb
Phone: xxxx                 
Use: x                        -----0-取消，1-设置 
Start: xxxx-xx-xx xx:xx:xx       ---开始时间
End: xxxx-xx-xx xx:xx:xx        ----结束时间
Message: xxxx              ----- 失败原因
"""#

    /// §4.3 ExtenDND demo, with `ServiceType: PMS `: document lines 254–261.
    static let extenDNDDemo = #"""
ServiceType: PMS \r\n
Action: Set\r\n
SeqID: 123456\r\n
CallMethod: ExtenDND\r\n
Phone: 8001\r\n
Use: 1\r\n                     -----启用免打扰
Start: 2012-03-08 07:30:00\r\n       ---开始时间
End: 2012-03-08 15:30:00\r\n\r\n     ----结束时间
"""#

    /// §4.4 AlarmClock request template: document lines 265–270.
    static let alarmClockRequestTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
CallMethod: AlarmClock	
Phone: xxxx                 
AlarmClock: start*end*frequency*days*file*num&start*end*frequency*days*file*num&…&
"""#

    /// §4.4 AlarmClock demo (a tab and spaces after two `\r\n`): document lines 281–286.
    static let alarmClockDemo = #"""
ServiceType: PMS\r\n
Action: Set\r\n
SeqID: 123456\r\n
CallMethod: AlarmClock\r\n	
Phone: 8001\r\n                 
AlarmClock: 07:30**5*1*fpm-world-mix.gsm*1&17:30**5*1*fpm-world-mix.gsm*3&\r\n\r\n
"""#

    /// §4.4 AlarmClock Success reply template (`num &`): document lines 293–299.
    static let alarmClockSuccessTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
Response: Success            -----Success: 成功
CallMethod: AlarmClock	
Phone: xxxx                 
AlarmClock: start*end*frequency*days*file*num &start*end*frequency*days*file*num &…&
"""#

    /// §4.4 AlarmClock Error reply template (`Phone` before `CallMethod`): document lines 301–307.
    static let alarmClockErrorTemplate = #"""
ServiceType: PMS
Action: Set
SeqID: xxxxx
Response: Error            ----- Error: 失败
Phone: xxxx                
CallMethod: AlarmClock	
Message: xxxx              ----- 失败原因
"""#

    /// §5.1 CDR template: document lines 311–322.
    static let cdrTemplate = #"""
ServiceType: BILLING
Action: CallControl
SeqID: xxxxx
CallMethod: CDR
Caller: xxxx           --- 主叫号码
Callee: yyyy           --- 被叫号码
Start: xxxx-xx-xx xx:xx:xx   --- 呼叫开始时间
Answer: xxxx-xx-xx xx:xx:xx  --- 应答时间
End: xxxx-xx-xx xx:xx:xx     --- 通话结束时间
Dur: xx    --- 通话时长，单位秒
Disposition: xxx ---呼叫状态，NO ANSWER，ANSWERED，FAILED，BUSY，CONGESTION
Call_type: xxx --- 呼叫类型，common_device-设备内部，internal-企业内部，local-市话，longdistance-国内长途， international-国际长途
"""#

    /// §5.1 CDR demo (plain lines, no `\r\n` written): document lines 325–336.
    static let cdrDemo = #"""
ServiceType: BILLING
Action: CallControl
SeqID: 1
CallMethod: CDR
Caller: 1001
Callee: 93801
Start: 2018-01-05 16:46:59
Answer: 2018-01-05 16:47:03
End: 2018-01-05 16:47:13
Dur: 10
Disposition: ANSWERED
Call_type: local
"""#

    /// §5.2 CallIn template: document lines 340–345.
    static let callInTemplate = #"""
ServiceType: PMS
Action: CallControl
SeqID: xxxxx
CallMethod: CallIn
Caller: aaaa -----aaaa 为主叫号码
Callee: bbbb -----bbbb 为被叫号码
"""#

    /// §5.3 ExtenStatus template: document lines 351–359.
    static let extenStatusTemplate = #"""
ServiceType: PMS
Action: CallControl
SeqID: xxxxx
CallMethod: ExtenStatus
Exten: xxxx ---- 分机号码
ChannelId: xxxx ---- 分机通道ID
Status: x ---- 分机状态
Peer: xxxx ---- 对端号码
PeerId: xxxx --- 对端通道ID
"""#

    /// §5.4 hotel voice mail template (vendor §6.8, ExtenStatus verbatim): document lines 371–379.
    static let voiceMailTemplate = #"""
ServiceType: PMS
Action: CallControl
SeqID: xxxxx
CallMethod: ExtenStatus
Exten: xxxx ---- 分机号码
ChannelId: xxxx ---- 分机通道ID
Status: x ---- 分机状态
Peer: xxxx ---- 对端号码
PeerId: xxxx --- 对端通道ID
"""#
}
